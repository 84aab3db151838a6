export { isWithinHours, localTime } from './business-hours.ts';
export { parseRoutes } from './load.ts';
export type { RoutingFacts } from './match.ts';
export { postStyle, route, ruleMatches } from './match.ts';
export type { RouteRule, RoutesFile } from './schema.ts';
export type { VoicemailRouting } from './voicemail.ts';
export { routeVoicemail } from './voicemail.ts';

/** A skill group (CCC) / agent group (Desk) of the generated contact center. */
export interface DatasetSkillGroup {
  /** Numeric id (`QueuedSkillGroupId`; Desk sends it as a string in `AgentGroupId`). */
  readonly id: number;
  readonly name: string;
}

/** An agent of the generated contact center. */
export interface DatasetAgent {
  /** The agent account (`SeatUser.Mail`, `StaffUserId`, chat `AgentId`). */
  readonly mail: string;
  readonly name: string;
  readonly staffNumber: string;
  readonly nick?: string;
  /** Agent phone in Tencent's `0086…` form. */
  readonly phone?: string;
  /** Extension number (4–6 digits starting 1–8), used as the number of internal calls. */
  readonly extensionNumber?: string;
  /** Names of the skill groups the agent belongs to; every name must be a configured group. */
  readonly skillGroups: readonly string[];
}

/** Default skill groups: Sales, Support, Billing. */
export const DEFAULT_SKILL_GROUPS: readonly DatasetSkillGroup[] = [
  { id: 2501, name: 'Sales' },
  { id: 2502, name: 'Support' },
  { id: 2503, name: 'Billing' },
];

const agent = (
  mail: string,
  name: string,
  nick: string,
  index: number,
  skillGroups: readonly string[],
): DatasetAgent => ({
  mail,
  name,
  nick,
  staffNumber: String(1000 + index),
  phone: `00861380013${String(8000 + index)}`,
  extensionNumber: String(8000 + index),
  skillGroups,
});

/** Default agents (six, spread over the default skill groups). */
export const DEFAULT_AGENTS: readonly DatasetAgent[] = [
  agent('li.wei@example.com', 'Li Wei', '李伟', 1, ['Sales']),
  agent('zhang.min@example.com', 'Zhang Min', '张敏', 2, ['Sales', 'Support']),
  agent('chen.jing@example.com', 'Chen Jing', '陈静', 3, ['Support']),
  agent('wang.fang@example.com', 'Wang Fang', '王芳', 4, ['Support', 'Billing']),
  agent('emma.wong@example.com', 'Emma Wong', 'Emma', 5, ['Billing']),
  agent('lucas.tan@example.com', 'Lucas Tan', 'Lucas', 6, ['Sales', 'Billing']),
];

/** The AI agents answering AI calls. */
export const AI_AGENTS: readonly { readonly id: number; readonly name: string }[] = [
  { id: 9101, name: 'Aria' },
  { id: 9102, name: 'Xiaowei' },
];

/** Chinese provinces/cities with their area codes (for landlines and `TelLocation`). */
export const CHINA_PLACES: readonly { province: string; city: string; area: string }[] = [
  { province: 'Guangdong', city: 'Shenzhen', area: '755' },
  { province: 'Guangdong', city: 'Guangzhou', area: '20' },
  { province: 'Beijing', city: 'Beijing', area: '10' },
  { province: 'Shanghai', city: 'Shanghai', area: '21' },
  { province: 'Zhejiang', city: 'Hangzhou', area: '571' },
  { province: 'Sichuan', city: 'Chengdu', area: '28' },
  { province: 'Hubei', city: 'Wuhan', area: '27' },
  { province: 'Jiangsu', city: 'Nanjing', area: '25' },
  { province: 'Guizhou', city: 'Anshun', area: '851' },
  { province: 'Fujian', city: 'Xiamen', area: '592' },
];

/** Chinese mobile carriers (as `TelLocation.Operator` writes them) and their number prefixes. */
export const CHINA_OPERATORS: readonly { operator: string; prefixes: readonly string[] }[] = [
  { operator: 'mobile', prefixes: ['134', '135', '136', '137', '138', '139', '150', '158', '187', '198'] },
  { operator: 'unicom', prefixes: ['130', '131', '132', '155', '156', '166', '185', '186'] },
  { operator: 'telecom', prefixes: ['133', '153', '173', '177', '180', '189', '199'] },
];

/** International callers: country, dialling code, subscriber digits. */
export const FOREIGN_PLACES: readonly { country: string; code: string; digits: number }[] = [
  { country: 'Hong Kong', code: '852', digits: 8 },
  { country: 'Singapore', code: '65', digits: 8 },
  { country: 'United States', code: '1', digits: 10 },
  { country: 'United Kingdom', code: '44', digits: 10 },
  { country: 'Japan', code: '81', digits: 10 },
];

/** Chat customers' nicknames (Chinese and international). */
export const NICKNAMES: readonly string[] = [
  '山浓',
  '小明',
  'Ada',
  'Kevin Zhou',
  '美美',
  'Sophie L.',
  '阿杰',
  'Tom',
  'Yuki',
  'Priya',
  '老王',
  'María',
];

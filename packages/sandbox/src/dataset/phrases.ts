// Sentences of the generated calls (ASR) and chats: a mix of English and Chinese so renderers meet both.

/** What customers say, by skill group name; `*` for groups without their own lines. */
export const CUSTOMER_LINES: Readonly<Record<string, readonly string[]>> = {
  Sales: [
    'Hi, I would like to know the price of the enterprise plan.',
    'Do you offer a discount for annual billing?',
    '请问你们的专业版支持多少个坐席?',
    'Can I get a trial account for my team?',
    'We need about 50 seats, starting next month.',
  ],
  Support: [
    'My app cannot connect since this morning.',
    'I get error 60004 when I log in.',
    '我的账号登录不上了,一直提示密码错误。',
    'The recording of yesterday’s call is missing.',
    'Calls drop after about thirty seconds.',
  ],
  Billing: [
    'I was charged twice on my last invoice.',
    'How do I download the invoice for October?',
    '发票抬头写错了,可以重新开吗?',
    'Can I change the payment card on file?',
    'Why did my balance go negative?',
  ],
  '*': [
    'Hello, I need some help with my account.',
    'Could you check the status of my order?',
    '你好,我想咨询一下。',
    'Thanks, that is all I needed.',
  ],
};

/** What agents say, whatever the group. */
export const AGENT_LINES: readonly string[] = [
  'Thank you for calling, how can I help you today?',
  'Let me check that for you, one moment please.',
  'I have found your account, could you confirm your phone number?',
  '好的,我帮您查一下。',
  'I have created a ticket and our engineers will follow up.',
  'Is there anything else I can help you with?',
  '感谢您的耐心等待。',
  'I will send you the details by email right after this call.',
];

/** Follow-ups either side uses in long conversations. */
export const SMALL_TALK: readonly string[] = [
  'OK.',
  'Sure, one second.',
  'Got it, thanks!',
  '明白了。',
  'Could you repeat that?',
  'Yes, that is correct.',
  'Let me try that now.',
  'It works now 👍',
];

/** Lines of the chatbot (Desk) before a human takes over. */
export const BOT_LINES: readonly string[] = [
  'Hi! I am the virtual assistant. What can I do for you?',
  'Please choose: 1 Sales, 2 Support, 3 Billing. Reply "agent" for a human.',
  '您好,我是智能客服,请问有什么可以帮您?',
];

/** System notices of a chat, by event. */
export const SYSTEM_NOTICES = {
  queued: 'You are in the queue, an agent will be with you shortly.',
  noAgent: 'No agent is online right now. Please leave a message or come back during office hours.',
  userTimeout: 'The session was closed because there was no reply for 10 minutes.',
  agentTimeout: 'The agent did not reply in time; the session has ended.',
  transferTimeout: 'No agent was available; the transfer timed out.',
  abandoned: 'The customer left the queue.',
  ended: 'The session has ended. Thank you!',
  transferred: (to: string): string => `The session was transferred to ${to}.`,
} as const;

/** Labels of the inbound IVR's first menu (language). */
export const LANGUAGE_MENU: readonly { key: string; label: string }[] = [
  { key: '1', label: '中文' },
  { key: '2', label: 'English' },
];

/** The self-service IVR branch that ends calls without an agent (`ivrEnd`). */
export const SELF_SERVICE_KEY: { key: string; label: string } = {
  key: '9',
  label: 'Order status (self-service)',
};

/** Satisfaction survey answers (`PostIVRKeyPressed`); `noInput` = entered the survey without pressing. */
export const SATISFACTION_KEYS: readonly { key: string; label: string }[] = [
  { key: '1', label: '非常满意' },
  { key: '2', label: '满意' },
  { key: '3', label: '不满意' },
  { key: 'noInput', label: '' },
];

/**
 * Error codes shared by the domain, the cloud functions and the front end.
 * Codes are dotted (AREA.REASON); messages are Chinese and tell the user what to do.
 */
import { fieldLabel } from './contracts/field-labels';

export const ERROR_MESSAGES = {
  // Frame
  'INPUT.INVALID': '提交的内容不完整或格式不对，请检查后重试',
  'ACTION.UNKNOWN': '不支持的操作，请更新小程序后重试',
  INTERNAL: '系统繁忙，请稍后重试',
  CONFLICT: '内容已被他人修改，请刷新后再编辑',
  'REQUEST.REUSED': '请求编号已用于其他内容，请重新提交',
  // Identity and permission
  'AUTH.UNBOUND': '您还没有加入组织，请通过书记发送的邀请加入',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'AUTH.OTHER_TENANT': '您没有权限查看其他单位的内容',
  // Org tree
  'ORG.NOT_FOUND': '未找到该党组织',
  'ORG.NO_ROOT': '组织架构缺少顶层党组织',
  'ORG.MULTIPLE_ROOTS': '组织架构只能有一个顶层党组织',
  'ORG.CYCLE': '组织隶属关系出现循环，请检查上级组织',
  'ORG.PARENT_MISSING': '上级党组织不存在',
  'ORG.DUPLICATE_ID': '党组织编号重复',
  'ORG.INVALID_PARENT_KIND': '该类党组织不能作为上级组织',
  'ORG.RETIRED': '该党组织已撤销',
  'PERSON.NOT_FOUND': '未找到该人员',
  'PERSON.DUPLICATE_ID': '人员编号重复',
  'PERSON.MULTIPLE_ORGS': '每名党员只能在一个党组织登记',
  'PERSON.NO_ORG': '人员所在党组织不存在',
  'PERSON.SECRETARY_NOT_IN_TREE': '书记不在组织名册中',
  'ORG.TREE_INVALID': '组织架构有错误，请按提示逐行修改后重新导入',
  'ORG.WRONG_TENANT': '该行不属于本单位，请检查单位编号',
  'ORG.EXTERNAL_ID_CLASH': '被协助党组织的编号与本单位党组织重复',
  'PERSON.NOT_MEMBER': '书记、班子成员和联系领导必须是党员',
  'PERSON.WRONG_TENANT': '该人员不属于本单位，请检查单位编号',
  // Campaign and cycles
  'CAMPAIGN.NOT_FOUND': '未找到该活动',
  'CAMPAIGN.INVALID_PERIOD': '活动结束日期不能早于开始日期',
  'CYCLE.NOT_FOUND': '该日期不在活动周期内',
  // Review work
  'SESSION.NOT_FOUND': '未找到该点评活动',
  'REVIEW.NOT_FOUND': '未找到该点评',
  'REVIEW.INCOMPLETE': '点评内容不完整：请填写成绩、存在问题、努力方向和整改要求',
  'REVIEW.SELF': '不能点评自己',
  'REPORT.NOT_FOUND': '未找到该汇报',
  'OPINION.NOT_FOUND': '未找到该意见',
  'OPINION.CLOSED': '征求意见已截止，不能再提交',
  'OPINION.PUBLISHED': '点评情况已公开，征求意见已结束，不能再提交',
  'RECTIFICATION.NOT_FOUND': '未找到该整改事项',
  'STATE.ILLEGAL_TRANSITION': '当前状态下不能进行此操作',
  'STATE.REASON_REQUIRED': '此操作须说明原因',
  'REPORT.INCOMPLETE': '汇报内容不完整：请填写公开承诺及兑现情况',
  'REPORT.CLOSED': '汇报已截止，不能再提醒未汇报的同志',
  'REPORT.ENTRY_NOT_ALLOWED': '只能为本次点评中年老体弱或外出的党员代为录入汇报，其他同志请本人汇报',
  'REPORT.ENTRY_STARTED': '本人已开始填写汇报，不能代为录入，请提醒本人提交',
  'SAMPLE.INVALID': '随机抽样的数量应在1到总人数之间',
  'SCOPE.FORBIDDEN': '您不在该内容的公开范围内',
  'SESSION.NO_TARGETS': '没有需要点评的对象，请检查点评范围，或改为指定点评对象',
  'SESSION.CARD_UNAVAILABLE': '暂时不能生成显示汇报进度的群卡片，可以先发送普通卡片',
  'OPINION.SELF': '不能对自己提意见',
  'OPINION.ALREADY_GIVEN': '您已对该对象提过意见；如需修改，请先在本手机上撤回原意见',
  'OPINION.ANONYMITY_UNAVAILABLE': '匿名意见暂不可用：管理员尚未配置匿名密钥，请联系管理员，或改为实名提交',
  'OPINION.ON_BEHALF_MEMBER': '代录意见不能署党员的名字：请党员本人在小程序里提交',
  'PUBLICATION.NOT_FOUND': '未找到该通报',
  'NOTICE.OUT_OF_AREA': '只能在本组织及所属党组织的范围内汇总通报：请选择您所在组织以内的公开范围和点评活动',
  'NOTICE.WIDER_THAN_PUBLISHED': '部分点评此前只在较小范围内公开，不能在更大范围通报：请缩小公开范围，或不选这些点评活动',
  'NOTICE.SESSION_ELSEWHERE': '所选点评活动不属于同一次创先争优活动，不能汇总到一份通报',
  'NOTICE.NOT_PUBLISHED': '通报发布后才能发给群众',
  'NOTICE.LINK_NOT_FOUND': '未找到这份通报，请向发通报的书记索取新的链接',
  'NOTICE.LINK_EXPIRED': '这份通报的链接已过期，请向发通报的书记索取新的链接',
  'NOTICE.LINK_REVOKED': '发通报的书记已收回这个链接',
  'CONTENT.HELD': '内容正在审核，审核通过后才能公开',
  // Tenants and joining
  'TENANT.NOT_FOUND': '未找到该单位',
  'TENANT.EXISTS': '该单位已经创建，请直接使用',
  'TENANT.ALREADY_BOUND': '您的微信已绑定到一个单位，不能再创建新单位',
  'ORG.HAS_CHILDREN': '该党组织还有下级组织，请先撤销或转移下级组织',
  'ORG.HAS_PERSONS': '该党组织还有人员，请先转接人员的组织关系',
  'ORG.ROOT_EXISTS': '本单位已有顶层党组织，新组织请选择上级组织',
  'ORG.GROUP_BOUND_ELSEWHERE': '该群已绑定其他党组织，请先由该党组织的书记或管理员解除绑定',
  'ORG.GROUP_NOT_BOUND': '该群还没有绑定党支部，请书记先在群里绑定',
  'PERSON.LEFT': '该人员已离开，不能进行此操作',
  'INVITATION.NOT_FOUND': '邀请不存在，请向书记索取新的邀请',
  'INVITATION.EXPIRED': '邀请已过期，请向书记索取新的邀请',
  'CLAIM.NOT_FOUND': '未找到该认领申请',
  'CLAIM.ALREADY_BOUND': '该名册人员已被认领，如有疑问请联系书记',
  'CLAIM.OPENID_BOUND': '您的微信已绑定到名册中的人员，不能重复认领',
  'CLAIM.DECIDED': '该认领申请已处理',
  'CLAIM.NAME_NOT_FOUND': '邀请所属党组织的名册中没有待加入的这个姓名，请核对姓名（与名册一致）后重试，或联系书记',
  'CLAIM.TOO_MANY': '今天提交的加入申请已达3次，请明天再试，或直接联系书记',
  'CLAIM.PHONE_MISMATCH': '申请人填写的手机尾号与名册不符（或未填写），不能同意：请与本人核实后，请对方重新申请，或先在名册中更正手机号',
  'COMMITMENT.NOT_FOUND': '未找到该承诺',
  'COMMITMENT.NOT_OWNER': '只能修改自己的承诺',
  'MODERATION.NOT_HELD': '该内容不在待审核状态',
  // Progress
  'PROGRESS.NOT_PLANNED': '本活动还没有生成点评计划，请管理员先生成点评计划',
  'PROGRESS.PLANNING': '点评计划正在生成中，请稍后再试',
  'PROGRESS.UPDATING': '点评计划正在更新，更新完成后才能上报，请稍后再试',
  // Plans and summaries from lower units (具体方案, 总结)
  'HANDIN.NO_LOWER_UNITS': '本单位没有下级党组织，无需要求上交具体方案',
  'HANDIN.DEADLINE_PAST': '上交截止日期已过，请选今天或以后的日期',
  'HANDIN.NOT_ASKED': '上级党组织还没有要求上交具体方案',
  'HANDIN.EMPTY': '请写具体方案的内容，或添加附件',
  'HANDIN.FILE_KIND': '附件只能是 Word、PDF 或图片',
  'HANDIN.CLOSED': '上交截止日期已过，已交的具体方案不能再替换',
  'HANDIN.NOT_FOUND': '该单位还没有上交具体方案',
  // Files (the export function)
  'FILE.REFUSED': '文件无法导入，请按提示修改后重新上传，本次未导入任何数据',
  'EXPORT.EMPTY': '没有可以导出的点评登记表',
  'EXPORT.JOB_NOT_FOUND': '未找到该导出任务，请重新导出',
  'EXPORT.ARCHIVE_INCOMPLETE': '台帐打包时有登记表未能放入压缩包，请重新生成台帐',
  'REVIEW.NOT_SUBMITTED': '点评尚未提交，提交后才能导出登记表',
  'PROGRESS.REPORT_NOT_FOUND': '未找到该次上报的进度报表',
  'PROGRESS.NOT_WEAK': '这个单位没有标为薄弱单位',
  'PROGRESS.NO_PRINCIPAL': '上一级党组织书记空缺，请先配齐书记',
  'PROGRESS.NOT_PRINCIPAL': '只有上一级党组织书记本人（或活动办公室代为登记）可以登记亲自参加',
  // Content security
  'CONTENT.RISKY': '内容含有不适宜发布的信息，请修改后再提交',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** A failure the user can act on: a code, its Chinese message, and optional detail. */
export interface DomainError {
  code: ErrorCode;
  message: string;
  /** Which rows or fields are at fault, e.g. `{ path: ['rows', 3, 'orgId'], message: '…' }`. */
  issues?: Array<{ path: Array<string | number>; message: string }>;
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

/** Builds a DomainError with the code's standard message unless a more specific one is given. */
export function domainError(code: ErrorCode, message?: string, issues?: DomainError['issues']): DomainError {
  return issues ? { code, message: message ?? ERROR_MESSAGES[code], issues } : { code, message: message ?? ERROR_MESSAGES[code] };
}

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a code as a failed Result. */
export function fail<T = never>(code: ErrorCode, message?: string, issues?: DomainError['issues']): Result<T> {
  return { ok: false, error: domainError(code, message, issues) };
}

/** What a zod issue carries that a field-level message is made from. */
export interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
  code?: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

/**
 * Zod issues as the issues of a reply or a domain error: the one place their paths are mapped and
 * their messages made field-level Chinese — the field's name, then what to do — with no type names,
 * regular expressions or English (`活动开始日期：请按 2026-07-01 的格式填写`).
 */
export function zodIssues(issues: ReadonlyArray<ZodIssueLike>): Array<{ path: Array<string | number>; message: string }> {
  return issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: fieldMessage(i) }));
}

// zod's own (locale) messages name types and patterns; a contract's own message is plain Chinese.
const LOCALE_MESSAGE = /^(无效|数值过|对象中|未知|Invalid|Too|Unrecognized|Expected)/;
const HAS_LATIN = /[A-Za-z]/;

/** One issue's message: `<字段>：<怎么改>`. */
export function fieldMessage(issue: ZodIssueLike): string {
  const label = fieldLabel(issue.path);
  // A message that already names its field (`党组织第2行：上级 xx9 不存在`) may quote the user's own data.
  const own = issue.message && !LOCALE_MESSAGE.test(issue.message) && (!HAS_LATIN.test(issue.message) || (issue.code === undefined && issue.message.includes('：'))) ? issue.message : null;
  // A contract's own message that already names its field (`截止日期 2026-02-30 不存在`) is kept as written.
  if (own) {
    if (own.includes('：') || /^\S+ \d{4}-\d{2}-\d{2} /.test(own)) return own;
    return own.startsWith(label) && own.length > label.length ? `${label}：${own.slice(label.length)}` : `${label}：${own}`;
  }
  return `${label}：${advice(issue)}`;
}

function advice(issue: ZodIssueLike): string {
  const n = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : '');
  switch (issue.code) {
    case 'invalid_type':
      if (/undefined/.test(issue.message)) return '必须填写';
      if (issue.expected === 'string') return '请填写文字';
      if (issue.expected === 'number' || issue.expected === 'int') return '请填写数字';
      if (issue.expected === 'boolean') return '请选择是或否';
      if (issue.expected === 'array') return '请逐项填写';
      return '请按要求填写';
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${n(issue.maximum)} 个字，请删减`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${n(issue.maximum)} 项，请删减`;
      return `不能大于 ${n(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${n(issue.minimum)} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${n(issue.minimum)} 项`;
      return `不能小于 ${n(issue.minimum)}`;
    case 'invalid_value':
      return '请从给出的选项中选择';
    case 'invalid_format':
      return '格式不对，请检查后重新填写';
    case 'unrecognized_keys':
      return '含有多余的内容，请更新小程序后重试';
    default:
      return '请按要求填写';
  }
}

/**
 * The phrase lists behind the review-quality hints (review-quality.ts): stock phrases (套话) that say
 * nothing about a particular person, and praise dressed as criticism (伪批评). Each pattern names the
 * published commentary it was taken from, so a reviewer or the office can check why a phrase is listed.
 * The seeds ask for the opposite of these: 增强点评的针对性 [000][003], 实事求是地肯定成绩，又要认真分析
 * 指出存在问题和努力方向，确保点评质量 [000], 有针对性地提出点评要求 [001].
 */

/** Where a listed phrase comes from. */
export const PHRASE_SOURCES = {
  LIAOWANG_2006: '《瞭望》新闻周刊 2006 年 12 月《警惕批评与自我批评出现“新八股”》：理论学习不够、驾驭全局的能力不强、政治敏锐性和鉴别力不强、脾气急躁；下级批评上级“工作太认真，要注意身体”',
  BUGOU: '《这样的自我批评早该挨批》（先进性教育期间的评论）：理想不够坚定、学习不够自觉、工作不够认真、方法有时不够恰当、知识面不够广、业务钻研不够——“光用‘不够’能说明什么？做的不够要用事例说话”',
  JIZAO: '期刊评论《“急躁”病》：某机关党支部 27 张民主评议表中 21 张写着“有急躁情绪”，讲足成绩、淡化不足',
  WEIPIPING_2014: '《中国组织人事报》2014 年 5 月 21 日 黄梦其《警惕八种“伪批评”》：明贬暗褒式（“不注意劳逸结合”“对人对事太严肃”）、隔靴搔痒式（“说话太直，性格太急”“学习抓得不紧”，以“希望”“建议”“共勉”代替批评）、韬光养晦式（“金无足赤，人无完人”）',
  MOHU_2014: '《记者观察》2014 年第 7 期 陶舜《民主生活会的“批评尺度”》：模糊词“有待提高”“有所放松”“××不到位”，把具体问题转化为“四风”式的作风问题',
  XINHUA_2013: '《新华每日电讯》2013 年 11 月 18 日《民主生活会报告应少用“有同志认为”》：报告行文和语言构架一致，问题按“四风”对号入座，共性问题多',
  CAMPAIGN: '创先争优活动文件的口号式要求（种子文件 [000]–[004] 的“立足岗位、发挥作用、争创佳绩”等）照搬到对个人的点评中，不能说明此人做了什么、差在哪里',
} as const;
export type PhraseSource = keyof typeof PHRASE_SOURCES;

export interface Phrase {
  pattern: RegExp;
  source: PhraseSource;
}

// Qualifiers the stock phrases end in ("…有待加强", "…不够深入"): one alternation, reused.
const WEAK = '(?:还|仍|尚|较|比较|有时|有些|不太)?(?:不够|不足|不强|不高|不深|不到位|淡薄|欠缺|缺乏|薄弱|有待(?:进一步)?(?:加强|提高|增强|改进|提升|深化|转变|完善)|需要?(?:进一步)?(?:加强|提高|增强|改进|提升)|有所(?:放松|松懈|下降))(?:深入|系统|自觉|扎实|主动|全面|充分|明显|到位|灵活|务实|密切|广)?';

/** Stock phrases of 存在的问题: a clause made only of these says nothing about this person. */
export const STOCK_PROBLEMS: readonly Phrase[] = [
  { pattern: new RegExp(`(?:政治)?理论学习(?:抓得不紧|${WEAK})`, 'g'), source: 'LIAOWANG_2006' },
  { pattern: new RegExp(`(?:业务|政治)?学习(?:抓得不紧|${WEAK})`, 'g'), source: 'BUGOU' },
  { pattern: new RegExp(`(?:政治|理论|业务|政策)(?:理论)?(?:水平|素质|素养)${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`(?:工作)?作风${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`(?:开拓)?(?:创新|服务|大局|责任|担当|宗旨|进取|忧患|纪律|规矩|学习)(?:意识|精神|观念)${WEAK}`, 'g'), source: 'LIAOWANG_2006' },
  { pattern: new RegExp(`工作(?:方法|方式)(?:简单|单一|不够灵活|${WEAK})`, 'g'), source: 'BUGOU' },
  { pattern: new RegExp(`(?:联系|服务|深入)群众${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`与群众(?:的)?联系${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`(?:调查研究|调研|深入基层)${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`(?:业务|工作|履职|统筹协调|沟通协调|组织协调|驾驭全局|执行)(?:的)?(?:能力|水平|力)${WEAK}`, 'g'), source: 'LIAOWANG_2006' },
  { pattern: new RegExp(`业务钻研${WEAK}`, 'g'), source: 'BUGOU' },
  { pattern: new RegExp(`(?:工作)?(?:标准|要求)${WEAK}`, 'g'), source: 'MOHU_2014' },
  { pattern: new RegExp(`(?:党员)?(?:先锋模范|模范带头|带头|示范引领|战斗堡垒)?作用(?:的)?发挥${WEAK}`, 'g'), source: 'CAMPAIGN' },
  { pattern: new RegExp(`发挥(?:党员)?(?:先锋模范|模范带头|带头)?作用${WEAK}`, 'g'), source: 'CAMPAIGN' },
  { pattern: /(?:有时)?(?:存在|有)?(?:急躁情绪|畏难情绪|松懈情绪|骄傲自满情绪)/g, source: 'JIZAO' },
  { pattern: /(?:脾气|性格|性子)(?:有些|有点|比较|较|太)?(?:急躁|急)|说话(?:太|过于|比较)?直/g, source: 'WEIPIPING_2014' },
  { pattern: new RegExp(`(?:知识面|视野)${WEAK}`, 'g'), source: 'BUGOU' },
  { pattern: new RegExp(`理想信念${WEAK}(?:坚定)?|理想不够坚定`, 'g'), source: 'BUGOU' },
  { pattern: new RegExp(`政治(?:敏锐性|鉴别力|站位)(?:和(?:政治)?(?:鉴别力|敏锐性))?${WEAK}`, 'g'), source: 'LIAOWANG_2006' },
  { pattern: new RegExp(`(?:工作)?(?:主动性|积极性|创造性|前瞻性|预见性|系统性)${WEAK}`, 'g'), source: 'BUGOU' },
  { pattern: /(?:工作)?(?:不够|不太)(?:认真|细致|扎实|深入|主动)/g, source: 'BUGOU' },
  { pattern: /(?:与|和|同)(?:先进(?:党员|党组织|典型|单位)?|上级(?:的)?要求|优秀党员|群众(?:的)?期望)(?:相比|比)?(?:还|仍)?(?:存在|有)(?:一定|较大|不小)?(?:的)?差距/g, source: 'MOHU_2014' },
  { pattern: /(?:各项)?(?:制度|规定|要求|任务|工作|措施)?(?:落实|贯彻|执行|推进)(?:还|仍)?(?:不够)?不到位/g, source: 'MOHU_2014' },
  { pattern: /(?:存在)?(?:形式主义|官僚主义|享乐主义|奢靡之风)(?:倾向|现象|问题)?/g, source: 'XINHUA_2013' },
  { pattern: /金无足赤[，,]?人无完人/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:思想|认识)(?:上)?(?:还)?(?:不够|有待)(?:解放|提高|到位|深化)/g, source: 'MOHU_2014' },
  { pattern: /(?:有待|需要|还需)(?:进一步)?(?:提高|加强|改进|增强|提升)/g, source: 'MOHU_2014' },
];

/** Stock phrases of 努力方向: a direction made only of these tells the person nothing to do. */
export const STOCK_DIRECTIONS: readonly Phrase[] = [
  { pattern: /(?:进一步|继续|不断|切实)?(?:加强|深化|强化)(?:政治|业务|党的)?(?:理论)?学习/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:进一步|不断|切实)?(?:提高|提升|增强)(?:自身)?(?:的)?(?:政治|理论|业务|思想|综合)?(?:素质|素养|水平|能力|修养)/g, source: 'MOHU_2014' },
  { pattern: /(?:进一步|切实|不断)?(?:改进|转变|加强)(?:工作)?作风/g, source: 'MOHU_2014' },
  { pattern: /(?:进一步|不断)?(?:增强|强化|树立|提高)(?:开拓)?(?:创新|服务|大局|责任|担当|宗旨|进取|忧患|纪律|规矩)(?:意识|精神|观念)/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:充分|进一步|更好地|积极)?发挥(?:好)?(?:党员(?:的)?)?(?:先锋模范|模范带头|带头|示范引领|战斗堡垒)?作用/g, source: 'CAMPAIGN' },
  { pattern: /(?:进一步)?(?:密切(?:党群|干群)?(?:与群众的)?联系(?:群众)?|密切联系群众)/g, source: 'MOHU_2014' },
  { pattern: /再接再厉|再创佳绩|争创佳绩|更上一层楼|戒骄戒躁|继续保持|发扬成绩|与时俱进|开拓创新|锐意进取|扎实工作|真抓实干/g, source: 'CAMPAIGN' },
  { pattern: /(?:以更高(?:的)?标准)?(?:严格要求自己|严于律己)/g, source: 'CAMPAIGN' },
  { pattern: /(?:立足(?:本职|岗位)|努力)?(?:做好|干好)(?:本职)?工作|立足(?:本职|岗位)/g, source: 'CAMPAIGN' },
  { pattern: /把创先争优(?:活动)?(?:引向深入|落到实处)|(?:积极|深入)?(?:参与|开展)?创先争优(?:活动)?/g, source: 'CAMPAIGN' },
  { pattern: /(?:为[^，。；]{0,12})?(?:作出|做出)(?:新的|更大(?:的)?)贡献/g, source: 'CAMPAIGN' },
  { pattern: /(?:进一步)?(?:提高|统一)(?:思想)?认识/g, source: 'MOHU_2014' },
  { pattern: /(?:希望|建议)(?:该同志)?(?:今后)?(?:继续)?努力|共勉/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:加强|注重)(?:调查研究|调研)|深入基层/g, source: 'MOHU_2014' },
  { pattern: /(?:提高|提升)(?:工作)?(?:标准|质量|效率|效能)/g, source: 'MOHU_2014' },
];

/**
 * Words that carry no fact once the stock phrases are gone: what is left of a clause after removing
 * phrases and these decides whether the clause said anything specific.
 */
export const FILLERS: readonly string[] = [
  '进一步', '下一步', '今后', '以后', '继续', '不断', '持续', '始终', '切实', '认真', '努力', '积极', '扎实', '更加', '更好地', '更好',
  '着力', '全面', '深入', '注重', '做到', '争取', '力争', '坚持', '严格', '自觉', '主动',
  '需要', '还需', '还要', '应当', '应该', '必须', '希望', '建议', '要', '需', '应',
  '有待', '还', '仍然', '仍', '尚', '比较', '较为', '较', '一定', '程度', '有时', '有些', '偶尔', '个别', '某些', '少数',
  '方面', '工作', '自身', '自己', '本人', '该同志', '同志', '党员', '存在', '问题', '不足', '缺点', '差距', '等等', '等',
  '加强', '提高', '提升', '增强', '改进', '强化', '不够', '不强', '不高', '有所',
  '的', '地', '得', '和', '与', '及', '并', '在', '上', '中', '了', '是', '对', '把', '将', '为', '以', '其', '之',
  '一是', '二是', '三是', '四是', '五是', '首先', '其次', '再次', '最后', '同时', '另外', '此外', '主要', '表现', '在于',
];

/**
 * 伪批评 (明贬暗褒): "problems" that are praise. Self-directed patterns only: "对下属要求过高" is a real
 * criticism of how someone leads, "对自己要求太严" is praise (OTHER_DIRECTED below tells them apart).
 * Matched per sentence, so the rest of the sentence can say the demand lands on others or a "但…" turns it.
 */
export const PRAISE_AS_CRITICISM: readonly Phrase[] = [
  { pattern: /工作(?:起来)?(?:太|过于|过分|特别|非常)(?:拼|拼命|投入|认真|卖力|辛苦|执着|较真)/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:太|过于|过分)(?:拼命|认真|较真|执着)/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:不太|不够|不)?(?:注意|顾及|爱惜|关心)(?:自己的|自身)?(?:休息|身体|健康)|(?:顾不上|忽视了?|忽略了?)(?:自己的|自身)?(?:休息|身体|健康)/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:不注意|不够注意|没有注意|忽视)?劳逸结合/g, source: 'WEIPIPING_2014' },
  { pattern: /对(?:自己|自身|本人)(?:的)?要求(?:太|过于|过|特别|非常)(?:严|严格|高|苛刻)/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:自我)?要求(?:太|过于|过)(?:高|严|严格|苛刻)|(?:工作)?标准(?:定得)?(?:太|过于|过)高/g, source: 'WEIPIPING_2014' },
  { pattern: /对人对事(?:太|过于)严肃|原则性(?:太|过于)强/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:太|过于|过分)(?:谦虚|低调)|(?:过于|太)追求完美|追求完美/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:只顾|一心扑在|全身心扑在|把全部精力(?:都)?(?:投入|放在)(?:到)?)工作|(?:对|照顾)家庭(?:照顾|关心)?(?:不够|太少|较少)|顾不上(?:家|家庭|家里)/g, source: 'WEIPIPING_2014' },
  { pattern: /(?:经常|长期|常常)加班(?:加点)?|带病(?:坚持)?(?:工作|上班)|节假日(?:也)?(?:不休息|在岗)/g, source: 'LIAOWANG_2006' },
  { pattern: /(?:工作)?热情(?:太|过)高|(?:太|过于)(?:急于求成|心急)/g, source: 'LIAOWANG_2006' },
  { pattern: /不善于(?:宣传|表现|展示)自己|只干不说|干得多[，,]?说得少/g, source: 'WEIPIPING_2014' },
];

/**
 * A sentence aimed at others or at consequences ("对下属要求过高，方法简单", "家长有意见"), or turned by a
 * "但…" ("经常加班，但效率不高"): a demanding style that hurts the work is real criticism, so a praise
 * pattern in such a sentence is not 伪批评.
 */
export const OTHER_DIRECTED = /对[^，,。；;]{0,6}(?:下属|下级|同事|同志们?|职工|干部|党员|群众|学生|孩子|老师|教师|班子成员|他人|别人|大家|年轻人)|导致|造成|引起|致使|抵触|有意见|反映|投诉|压力|方法简单|方式简单|生硬|粗暴|不听|听不进|(?:^|[，,])(?:但|却|然而|可是|结果)/;

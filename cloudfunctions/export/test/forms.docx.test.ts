/** The registration forms of seeds 000 and 003, generated as .docx and read back cell by cell. */
import { formHeading, memberFormLayout, orgFormLayout } from '../../../miniprogram/core/domain/forms';
import { seed000Forms, seed003Forms } from '../../../miniprogram/core/domain/fixtures/forms';
import { formsDocx } from '../src/docx';
import { readDocx, type DocForm } from './readback';

const HEADING_003 = formHeading('以质取胜、创先争优', '全国质检系统“以质取胜、创先争优”活动');
/** Each row as [text, column span, vertical merge] per cell. */
const grid = (doc: DocForm, t = 0) => doc.tables[t].map((row) => row.map((c) => [c.text, c.span, c.vMerge]));

describe('registration forms as Word files', () => {
  it('when the seed-000 org review is exported, then 附件1 reads back with every field, the merged cells and the note', async () => {
    const doc = await readDocx(await formsDocx([orgFormLayout('SIMPLE', seed000Forms().org, '')], 't'));
    expect(doc.paragraphs).toEqual(['领导点评（基层组织）登记表', '时间：2011年1月17日　　　　地点：局三楼会议室', '注：此表党组织存一份，上一级党组织存一份。']);
    expect(grid(doc)).toEqual([
      [['基层党组织名称', 2, null], ['新北区实验小学党支部', 1, null], ['党员人数', 1, null], ['5', 1, null]],
      [['承诺事项\n及完成情况', 2, null], ['1. 建设学习型党组织（完成80%）：每月集中学习一次\n2. 开展送教下乡（完成100%）：已完成6次', 3, null]],
      [['领\n导\n点\n评\n情\n况', 1, 'restart'], ['点评领导', 1, null], ['周建国（社会事业局局长、工委书记）', 3, null]],
      [
        ['', 1, 'continue'],
        ['点评内容', 1, null],
        [
          [
            '点评方式：集中点评（书记会议）',
            '（一）创先争优活动推进和中心工作：围绕教育规划纲要推进创先争优，教学质量稳步提高',
            '（二）公开承诺及兑现：支部和党员承诺全部公开，兑现情况良好',
            '（三）服务群众办实事：组织送教下乡6次，为农村学校办实事',
            '（四）党组织和党员队伍建设：“五个好”创建扎实，党员队伍结构合理',
            '取得的成绩：教学成绩全区领先，党员示范岗作用明显',
            '存在的问题：党员教育形式较单一，青年教师入党积极分子培养不够',
            '努力方向：创新组织生活方式，加强入党积极分子培养',
            '整改要求：完善党员学习制度，一季度内制定积极分子培养计划',
          ].join('\n'),
          3,
          null,
        ],
      ],
      [['', 1, 'continue'], ['整改落实打算', 1, null], ['一月底前修订党员学习制度；三月底前确定两名积极分子培养人', 3, null]],
    ]);
    expect(doc.page).toEqual({ width: 11906, height: 16838, orientation: 'portrait' });
  });

  it('when the seed-000 member review is exported, then 附件2 reads back with every field and its note', async () => {
    const doc = await readDocx(await formsDocx([memberFormLayout('SIMPLE', seed000Forms().member, '')], 't'));
    expect(doc.paragraphs).toEqual(['领导点评（党员）登记表', '时间：2011年1月17日　　　　地点：实验小学党员活动室', '注：此表由党员所在党组织保存。']);
    expect(grid(doc)).toEqual([
      [['党员姓名', 2, null], ['李娜', 1, null], ['所在党组织名称', 1, null], ['新北区实验小学党支部', 1, null]],
      [['承诺事项\n及完成情况', 2, null], ['1. 结对帮扶两名学困生（完成100%）：两名学生均已进步', 3, null]],
      [['领\n导\n点\n评\n情\n况', 1, 'restart'], ['点评领导', 1, null], ['吴敏（实验小学校长、支部书记）', 3, null]],
      [
        ['', 1, 'continue'],
        ['点评内容', 1, null],
        [
          [
            '点评方式：个别点评',
            '（一）立足岗位发挥带头作用：立足语文教学岗位，所带班级成绩优秀',
            '（二）公开承诺及践行：承诺结对帮扶两名学困生，已全部兑现',
            '（三）为群众办实事：参加社区志愿服务12次',
            '取得的成绩：教学成绩突出，积极参加志愿服务',
            '存在的问题：理论学习不够系统',
            '努力方向：加强理论学习，发挥先锋模范作用',
            '整改要求：制定个人学习计划并按月落实',
          ].join('\n'),
          3,
          null,
        ],
      ],
      [['', 1, 'continue'], ['整改落实打算', 1, null], ['每周读书笔记一篇', 3, null]],
    ]);
  });

  it('when the seed-003 org review is exported, then 附件2 reads back with its two-line title and every field', async () => {
    const doc = await readDocx(await formsDocx([orgFormLayout('DETAILED', seed003Forms().org, HEADING_003)], 't'));
    expect(doc.paragraphs).toEqual(['全国质检系统“以质取胜、创先争优”活动', '领导点评党组织创先争优情况登记表']);
    expect(grid(doc)).toEqual([
      [['党组织名称', 2, null], ['中国检验检疫科学研究院党委', 1, null], ['党员\n人数', 1, null], ['9', 1, null]],
      [['点评时间', 2, null], ['2010年12月20日', 1, null], ['地点', 1, null], ['检科院会议室', 1, null]],
      [['点评领导姓名', 2, null], ['李副局长', 1, null], ['单位及职务', 1, null], ['总局副局长、党组成员', 1, null]],
      [['前段\n小结', 2, null], ['1. 建成食品安全检测公共服务平台（完成70%）：平台一期已运行\n（可另附页）', 3, null]],
      [['领\n导\n点\n评', 1, 'restart'], ['主要成绩', 1, null], ['科研成果转化显著，服务企业成效明显', 3, null]],
      [['', 1, 'continue'], ['存在的问题和不足', 1, null], ['基层党支部活动载体不够新颖', 3, null]],
      [['', 1, 'continue'], ['下阶段工作建议', 1, null], ['突出质检特色，创新活动载体', 3, null]],
    ]);
  });

  it('when the seed-003 member review is exported, then 附件3 reads back with every field', async () => {
    const doc = await readDocx(await formsDocx([memberFormLayout('DETAILED', seed003Forms().member, HEADING_003)], 't'));
    expect(doc.paragraphs).toEqual(['全国质检系统“以质取胜、创先争优”活动', '领导点评党员参加创先争优活动情况表']);
    expect(grid(doc)).toEqual([
      [['党员姓名', 1, null], ['秦研究员', 1, null], ['单位及职务', 1, null], ['研究员', 1, null], ['所属支部', 1, null], ['检科院第二党支部', 1, null]],
      [['点评领导', 1, null], ['朱所长', 1, null], ['点评地点', 1, null], ['标准物质研究所', 1, null], ['点评形式', 1, null], ['专题点评（质量提升）', 1, null]],
      [['存在问题', 1, null], ['学习型党组织建设要求落实不够，自学时间偏少', 5, null]],
      [['整改意见建议', 1, null], ['每月撰写学习心得一篇，向支部汇报', 5, null]],
      [['点评问题整改落实情况', 1, null], ['整改措施：制定年度学习计划\n落实情况：整改中', 5, null]],
    ]);
  });

  it('when forms are drawn, then labels are in 宋体, values in 仿宋, and no private note reaches the file', async () => {
    const buf = await formsDocx([orgFormLayout('SIMPLE', seed000Forms().org, '')], 't');
    const doc = await readDocx(buf);
    expect(doc.tables[0][0][0].fonts).toEqual(['宋体']);
    expect(doc.tables[0][0][1].fonts).toEqual(['仿宋']);
    expect(buf.toString('latin1')).not.toContain('PRIVATE');
    expect(JSON.stringify(doc)).not.toContain('PRIVATE');
  });

  it('when several forms go in one file (a 党员档案), then each starts on a new page', async () => {
    const { member } = seed000Forms();
    const doc = await readDocx(await formsDocx([memberFormLayout('SIMPLE', member, ''), memberFormLayout('SIMPLE', { ...member, memberName: '钱军' }, '')], 't'));
    expect(doc.tables).toHaveLength(2);
    expect(doc.pageBreaks).toBe(1);
    expect([doc.tables[0][0][1].text, doc.tables[1][0][1].text]).toEqual(['李娜', '钱军']);
  });
});

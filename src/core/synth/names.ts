/**
 * Word lists for synthetic Chinese names. Every name built from them carries
 * the synthetic mark (`（合成）` in Chinese, `(Synthetic)` in English), so no
 * generated record can pass for a real one.
 */

export const SYNTHETIC_MARK_ZH = '（合成）';
export const SYNTHETIC_MARK_EN = '(Synthetic)';

/** Characters for brand names, with their pinyin (for the English name). */
export const BRAND_SYLLABLES: readonly (readonly [string, string])[] = [
  ['华', 'Hua'], ['中', 'Zhong'], ['科', 'Ke'], ['创', 'Chuang'], ['新', 'Xin'], ['达', 'Da'], ['瑞', 'Rui'], ['泰', 'Tai'],
  ['安', 'An'], ['联', 'Lian'], ['智', 'Zhi'], ['恒', 'Heng'], ['信', 'Xin'], ['博', 'Bo'], ['盛', 'Sheng'], ['远', 'Yuan'],
  ['云', 'Yun'], ['天', 'Tian'], ['星', 'Xing'], ['光', 'Guang'], ['启', 'Qi'], ['睿', 'Rui'], ['鼎', 'Ding'], ['海', 'Hai'],
  ['航', 'Hang'], ['宇', 'Yu'], ['晨', 'Chen'], ['锐', 'Rui'], ['微', 'Wei'], ['芯', 'Xin'], ['源', 'Yuan'], ['和', 'He'],
  ['万', 'Wan'], ['方', 'Fang'], ['金', 'Jin'], ['通', 'Tong'], ['凯', 'Kai'], ['迪', 'Di'], ['思', 'Si'], ['维', 'Wei'],
  ['易', 'Yi'], ['融', 'Rong'], ['合', 'He'], ['兴', 'Xing'], ['明', 'Ming'], ['嘉', 'Jia'], ['宏', 'Hong'], ['德', 'De'],
  ['清', 'Qing'], ['澜', 'Lan'], ['晶', 'Jing'], ['磐', 'Pan'], ['拓', 'Tuo'], ['驰', 'Chi'], ['领', 'Ling'], ['捷', 'Jie'],
  ['奥', 'Ao'], ['诺', 'Nuo'], ['峰', 'Feng'], ['越', 'Yue'], ['云', 'Yun'], ['图', 'Tu'], ['灵', 'Ling'], ['众', 'Zhong'],
];

/** Fields of activity: Chinese word and English word. */
export const INDUSTRY_WORDS: readonly (readonly [string, string])[] = [
  ['智能', 'Intelligence'], ['芯片', 'Chips'], ['生物', 'Bio'], ['医药', 'Pharma'], ['量子', 'Quantum'], ['数据', 'Data'],
  ['能源', 'Energy'], ['材料', 'Materials'], ['航天', 'Aerospace'], ['机器人', 'Robotics'], ['光电', 'Photonics'], ['网络', 'Networks'],
  ['软件', 'Software'], ['半导体', 'Semiconductor'], ['信息', 'Information'], ['医疗器械', 'Medical Devices'], ['新能源', 'New Energy'], ['环保', 'Environmental'],
  ['通信', 'Communications'], ['精密仪器', 'Precision Instruments'],
];

/** Legal-form endings by organisation kind. */
export const NAME_TAILS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  enterprise: [['科技有限公司', 'Technology Co., Ltd.'], ['技术有限公司', 'Technologies Co., Ltd.'], ['股份有限公司', 'Co., Ltd.'], ['信息技术有限公司', 'Information Technology Co., Ltd.']],
  research_institute: [['研究院', 'Research Institute'], ['研究所', 'Institute']],
  new_rnd_institution: [['创新研究院', 'Innovation Institute'], ['前沿技术研究院', 'Institute of Frontier Technology']],
  university: [['科技大学', 'University of Science and Technology'], ['理工学院', 'Institute of Technology']],
  incubator: [['孵化器', 'Incubator'], ['众创空间', 'Makerspace']],
  investor: [['创业投资有限公司', 'Venture Capital Co., Ltd.'], ['投资管理有限公司', 'Investment Management Co., Ltd.']],
};

/** Common surnames (百家姓) with pinyin. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'],
  ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'],
  ['何', 'He'], ['高', 'Gao'], ['林', 'Lin'], ['罗', 'Luo'], ['郑', 'Zheng'], ['梁', 'Liang'], ['谢', 'Xie'], ['宋', 'Song'],
];

/** Given-name characters with pinyin. */
export const GIVEN_SYLLABLES: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'],
  ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['文', 'wen'], ['华', 'hua'], ['鑫', 'xin'],
  ['宇', 'yu'], ['浩', 'hao'], ['思', 'si'], ['雨', 'yu'], ['晨', 'chen'], ['博', 'bo'], ['欣', 'xin'], ['然', 'ran'],
];

/** Subjects of patent titles and technical demands. */
export const TECH_OBJECTS: readonly string[] = [
  '图像识别方法', '电池管理系统', '传感器装置', '数据处理方法', '封装结构', '检测设备', '控制电路', '药物组合物',
  '通信模块', '光学镜头', '储能装置', '靶向抗体', '散热组件', '定位方法', '诊断试剂盒', '驱动电机',
];
export const TECH_METHODS: readonly string[] = ['深度学习', '多传感器融合', '低功耗', '高通量', '柔性', '分布式', '纳米', '自适应'];

/** Demand titles per type (what a visit records an enterprise asking for). */
export const DEMAND_TITLES: Readonly<Record<string, readonly string[]>> = {
  financing: ['申请科技贷款贴息', '对接早期投资机构', '知识产权质押融资咨询'],
  talent_housing: ['人才公寓申请', '子女入学协调', '高层次人才认定咨询'],
  land_space: ['扩大研发办公场地', '中试厂房选址', '实验室改造审批'],
  approvals: ['环评审批进度', '医疗器械注册协调', '施工许可办理'],
  market_access: ['首台套产品推广', '政府采购准入咨询', '参加展会对接'],
  scenario_access: ['开放应用场景对接', '自动驾驶测试道路申请', '示范项目申报'],
  ip: ['专利侵权纠纷咨询', '专利快速预审', '商标注册协调'],
  policy_question: ['研发费用加计扣除政策咨询', '高新技术企业认定咨询', '补贴申报条件咨询'],
  other: ['园区交通配套', '用电增容协调', '其他服务诉求'],
};

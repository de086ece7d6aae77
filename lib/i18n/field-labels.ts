// Chinese names of record fields, for audit trails and conflict notices.
const LABELS: Record<string, string> = {
  name: "名称",
  owner: "建设单位",
  startYear: "开工年份",
  endYear: "完工年份",
  totalInvestment: "总投资（万元）",
  status: "状态",
  displayName: "姓名",
  role: "角色",
  units: "负责单位",
  disabled: "停用",
  password: "密码",
  username: "用户名",
  projects: "项目数",
  // imports
  unit: "单位",
  section: "项目类别",
  parent: "上级项目",
  created: "新增项目",
  updated: "更新项目",
  rejected: "拒绝行数",
};

export const fieldLabel = (field: string) => LABELS[field] ?? field;

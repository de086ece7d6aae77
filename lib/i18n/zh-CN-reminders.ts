// 催报 (reporting deadline, 逾期, reminders, notices): user-facing text.
export const zhReminders = {
  deadline: {
    label: "填报截止日（期次结束后次月第几日）",
    hint: "例如 5 表示“每月 5 日前报上月”；按季度填报的规划为季度结束后次月 5 日前。留空表示不设截止日。超过当月天数时按当月最后一天。",
    invalid: "填报截止日须为 1–31 的整数，或留空",
    dueOn: (day: string) => `截止 ${day}`,
    none: "未设填报截止日",
  },
  webhook: {
    label: "催报外部推送地址（可选）",
    hint: "发送催报时，系统另向此地址 POST 一份 JSON（企业微信机器人、短信网关等），5 秒超时；仅管理员可设置，只推送到这里填写的地址，不跟随重定向。",
    invalid: "请填写以 http:// 或 https:// 开头的完整地址",
    tooLong: "地址不能超过 500 个字符",
    credentials: "地址中不能包含用户名或密码",
  },
  status: {
    outstanding: "未报送",
    outstandingHint: "应报项目中本期还没有报送（未填报、草稿或已退回）的，与财务看板“本期应报未报”相同；点击数字查看项目。",
    overdue: "逾期",
    overdueDays: (n: number) => `逾期 ${n} 天`,
    state: "状态",
    remindedAt: (at: string) => `已催报 ${at}`,
    total: "合计",
    overdueUnits: (n: number) => `${n} 个单位逾期`,
    deadline: (rule: string, due: string | null) => (due ? `${rule}：本期截止 ${due}` : rule),
  },
  send: {
    all: (n: number) => `一键催报全部未报单位（${n}）`,
    one: "催报",
    sending: "正在发送…",
    confirmAll: (n: number) => `向 ${n} 个单位的项目专干发送催报？同一单位同一期次每天只发送一次。`,
    none: "本期没有未报送的单位。",
    sent: (units: number, people: number) => `已向 ${units} 个单位的 ${people} 名项目专干发送催报。`,
    already: (names: string) => `今日已催报过，未重复发送：${names}。`,
    nothingToSend: "所选单位本期没有未报送的项目，未发送。",
    noOfficers: (names: string) => `以下单位没有项目专干账号，仅记录催报：${names}。`,
    webhookOk: (status: number) => `外部推送成功（HTTP ${status}）。`,
    webhookFailed: (reason: string) => `已在系统内通知；外部推送失败：${reason}`,
  },
  message: (o: { planTitle: string; periodLabel: string; unitName: string; outstanding: number; dueDate: string | null; overdueDays: number }) =>
    `【催报】${o.planTitle} · ${o.periodLabel}调度报告：${o.unitName}尚有 ${o.outstanding} 个项目未报送` +
    (o.dueDate === null
      ? "，请尽快填报。"
      : o.overdueDays > 0
        ? `，截止日 ${o.dueDate} 已过 ${o.overdueDays} 天，请尽快填报。`
        : `，请于 ${o.dueDate} 前填报。`),
  summary: (o: { planTitle: string; periodLabel: string; units: number; outstanding: number }) =>
    `【催报】${o.planTitle} · ${o.periodLabel}调度报告：${o.units} 个单位共 ${o.outstanding} 个项目未报送，请尽快填报。`,
  errors: {
    planNotFound: "找不到该规划。",
    archived: "该规划已归档，不能催报。",
    wrongCycle: (cycle: string) => `该规划${cycle}填报，期次格式不符`,
    future: "不能对尚未开始的期次催报。",
    unitNotInPlan: "所选单位不属于该规划。",
    webhookTimeout: (s: number) => `${s} 秒内无响应`,
    webhookStatus: (status: number) => `对方返回 HTTP ${status}`,
    webhookRefused: "连接被拒绝",
    webhookUnreachable: (reason: string) => `无法连接（${reason}）`,
    webhookRedirect: (status: number) => `对方返回重定向（HTTP ${status}），未跟随`,
  },
  notices: {
    nav: "通知",
    title: "通知",
    none: "暂无通知。",
    unread: (n: number) => `${n} 条未读`,
    markRead: "标为已读",
    markAllRead: "全部标为已读",
    read: "已读",
    banner: (n: number) => `您有 ${n} 条催报`,
    fill: "去填报",
    all: "查看全部通知",
  },
};

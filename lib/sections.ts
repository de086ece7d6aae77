// "专栏2 医疗服务能力提升项目", or just the title for categories without a number.
export const sectionName = (s: { number: string | null; title: string }) => [s.number, s.title].filter(Boolean).join(" ");

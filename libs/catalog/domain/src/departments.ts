/**
 * Departments that own items, by the three-digit code used in item codes. A department admin's
 * token carries this code in its `dept` claim (ADR 0019).
 */
export const LUOYUAN_DEPARTMENTS: Readonly<Record<string, string>> = {
  '001': '罗源县发展和改革局',
  '002': '罗源县教育局',
  '003': '罗源县公安局',
  '004': '罗源县民政局',
  '005': '罗源县财政局',
  '006': '罗源县人力资源和社会保障局',
  '007': '罗源县自然资源局',
  '008': '罗源县住房和城乡建设局',
  '009': '罗源县卫生健康局',
  '010': '罗源县市场监督管理局',
  '011': '罗源县行政（市民）服务中心管理委员会',
};

export function isDepartmentCode(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(LUOYUAN_DEPARTMENTS, code);
}

import { MigrationInterface, QueryRunner } from 'typeorm';

type Row = [id: string, parent: string | null, kind: string, category: string | null, name: string, nameEn: string];

const COUNTY = '350123';
const HALL = '350123-admin-service-centre';

/** Departments the county plan names (二(五) and 三(二)) plus those its service items belong to. */
export const SEEDED_DEPARTMENTS: Array<[slug: string, name: string, nameEn: string]> = [
  ['admin-service-centre', '罗源县行政（市民）服务中心管理委员会', 'Administrative (Citizen) Service Centre Management Committee'],
  ['approval-reform-office', '罗源县审改办', 'Administrative Approval Reform Office'],
  ['digital-office', '罗源县数字办', 'Digital Office'],
  ['efficiency-office', '罗源县效能办', 'Efficiency Office'],
  ['development-reform', '罗源县发展和改革局', 'Development and Reform Bureau'],
  ['public-security', '罗源县公安局', 'Public Security Bureau'],
  ['education', '罗源县教育局', 'Education Bureau'],
  ['human-resources-social-security', '罗源县人力资源和社会保障局', 'Human Resources and Social Security Bureau'],
  ['market-regulation', '罗源县市场监督管理局', 'Market Regulation Administration'],
  ['finance', '罗源县财政局', 'Finance Bureau'],
  ['natural-resources', '罗源县自然资源局', 'Natural Resources Bureau'],
  ['housing-construction', '罗源县住房和城乡建设局', 'Housing and Urban-Rural Construction Bureau'],
  ['civil-affairs', '罗源县民政局', 'Civil Affairs Bureau'],
  ['health', '罗源县卫生健康局', 'Health Commission'],
];

const TOWNSHIPS: Array<[string, string, string]> = [
  ['fengshan', '凤山镇', 'Fengshan Town'],
  ['songshan', '松山镇', 'Songshan Town'],
  ['qibu', '起步镇', 'Qibu Town'],
  ['zhongfang', '中房镇', 'Zhongfang Town'],
  ['feizhu', '飞竹镇', 'Feizhu Town'],
  ['jianjiang', '鉴江镇', 'Jianjiang Town'],
  ['baita', '白塔乡', 'Baita Township'],
  ['hongyang', '洪洋乡', 'Hongyang Township'],
  ['xilan', '西兰乡', 'Xilan Township'],
  ['huokou', '霍口畲族乡', 'Huokou She Ethnic Township'],
  ['bili', '碧里乡', 'Bili Township'],
];

function rows(): Row[] {
  const result: Row[] = [[COUNTY, null, 'county', null, '罗源县', 'Luoyuan County']];
  for (const [slug, name, nameEn] of SEEDED_DEPARTMENTS) result.push([`${COUNTY}-${slug}`, COUNTY, 'department', null, name, nameEn]);
  for (const [slug, name, nameEn] of TOWNSHIPS) result.push([`${COUNTY}-${slug}`, COUNTY, 'township', null, name, nameEn]);
  // Comprehensive windows of the county hall by approval category (plan 二(三)1).
  result.push(
    [`${HALL}-window-enterprise-licensing`, HALL, 'service_point', 'county_hall_window', '企业经营许可类综合窗口', 'Enterprise licensing window'],
    [`${HALL}-window-social-affairs`, HALL, 'service_point', 'county_hall_window', '社会事务管理类综合窗口', 'Social affairs window'],
    [`${HALL}-window-investment-construction`, HALL, 'service_point', 'county_hall_window', '投资建设管理类综合窗口', 'Investment and construction window'],
    [`${HALL}-kiosk-1`, HALL, 'service_point', 'kiosk', '县行政服务中心自助服务终端', 'County hall self-service kiosk'],
  );
  for (const [slug, name, nameEn] of TOWNSHIPS) {
    result.push([`${COUNTY}-${slug}-centre`, `${COUNTY}-${slug}`, 'service_point', 'township_centre', `${name}便民服务中心`, `${nameEn} service centre`]);
  }
  result.push(
    [`${COUNTY}-fengshan-community-point`, `${COUNTY}-fengshan`, 'service_point', 'community_point', '凤山镇社区便民服务站', 'Fengshan community service point'],
    [`${COUNTY}-fengshan-community-kiosk`, `${COUNTY}-fengshan`, 'service_point', 'kiosk', '凤山镇社区自助服务终端', 'Fengshan community self-service kiosk'],
  );
  return result;
}

/** Luoyuan county (350123), its departments, townships and service points. */
export class SeedOrganisations1764403200001 implements MigrationInterface {
  name = 'SeedOrganisations1764403200001';

  async up(q: QueryRunner): Promise<void> {
    for (const [id, parent, kind, category, name, nameEn] of rows()) {
      await q.query(
        `INSERT INTO organisation (id, parent_id, kind, category, name, name_en, division_code) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, parent, kind, category, name, nameEn, COUNTY],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const ids = rows().map(([id]) => id).reverse();
    for (const id of ids) await q.query(`DELETE FROM organisation WHERE id = $1`, [id]);
  }
}

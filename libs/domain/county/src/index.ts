export {
  departmentByCode,
  departmentOfOrganisation,
  LUOYUAN_DEPARTMENTS,
  LUOYUAN_DIVISION_CODE,
  organisationIdOf,
  type CountyDepartment,
} from './departments';

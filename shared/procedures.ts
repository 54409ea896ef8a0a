// Administrative procedures (thủ tục hành chính) and their required components (thành phần hồ
// sơ), the catalogue a province exports, matching a dossier's papers to the checklist, and the
// dossier's lifecycle states. One module per concern under procedures/; this file is what
// callers import.
export {
  Authority,
  Component,
  ComponentForm,
  Procedure,
  PROCEDURE_CODE_PATTERN,
  PROCEDURE_LEVELS,
  ProcedureCatalog,
  ProcedureLevel,
  type ProcedureInput,
} from './procedures/catalog';
export { parseCsvRecords } from './procedures/csvRecords';
export { districtMention } from './procedures/levels';
export { CATALOG_CSV_COLUMNS } from './procedures/catalogColumns';
export {
  parseCatalogCsv,
  parseCatalogJson,
  type CatalogParse,
  type CatalogProblem,
} from './procedures/catalogImport';
export {
  matchChecklist,
  type ChecklistDocument,
  type ChecklistResult,
  type ComponentMatch,
} from './procedures/checklist';
export {
  canTransition,
  DOSSIER_STATE_LABELS,
  DOSSIER_STATES,
  DossierState,
  REASON_REQUIRED,
  TRANSITIONS,
} from './procedures/dossierStates';

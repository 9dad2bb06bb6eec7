// The codes the report's checks give (SPEC §6, §8), declared here with the rules so that the registry
// lists them without reaching up into the report layer.
import { declareCodes } from './rule';

/** A figure of a written narrative that disagrees with the tables. */
export const narrativeCodes = declareCodes('narrative', { NARRATIVE_MISMATCH: { severity: 'error', label: '报告与表格不符' } });

/** 宁夏: a low total requires 存在的问题 and 整改措施 in the report. */
export const lowTotalCodes = declareCodes('narrative', { LOW_TOTAL_SECTIONS: { severity: 'error', label: '低分须写明问题与整改' } });

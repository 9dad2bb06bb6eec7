// Chinese names the task pane shows for codes, kinds and severities: the core's (src/core/labels.ts;
// codes' names as the rules declare them).
import type { Severity } from '../core/findings';

export { KIND_LABEL, SEVERITY_LABEL } from '../core/labels';
export { CODE_LABEL } from '../core/rules';

/** The Fluent badge colour of each severity. */
export const SEVERITY_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

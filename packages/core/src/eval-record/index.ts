export { parseEvalRecord } from './eval-record.js';
export type { EvalLabel, EvalRecord, EvalRecordError, EvalRecordResult } from './eval-record.js';
export { readEvalRecords, streamEvalRecords } from './read-eval-records.js';
export { splitLines, streamLines } from './text-lines.js';

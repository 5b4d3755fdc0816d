export { createLogProcessor } from './log-processor.js';
export type { LogFileStats, LogProcessor, LogProcessorStats } from './log-processor.js';
export { DEFAULT_LOG_PROCESSOR_OPTIONS, resolveLogProcessorOptions } from './log-processor-options.js';
export type {
  LogCheckpoint,
  LogFileConfig,
  LogProcessorOptions,
  ResolvedLogProcessorOptions,
  SavedLogOffset,
} from './log-processor-options.js';
export type { LogFormat } from './line-parser.js';
export { createFileTailer, DEFAULT_TAIL_OPTIONS } from './tail-file.js';
export type {
  FileTailer,
  FileTailerOptions,
  TailChunk,
  TailLine,
  TailPosition,
  TailStats,
} from './tail-file.js';

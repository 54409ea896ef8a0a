// The batch queue on disk: its own SQLite file in the data folder (batches.sqlite, see
// store/schema.ts), one table module per job. Uploaded files are copied under batches/<id>/ before
// the batch is recorded as queued.
import type Database from 'better-sqlite3';
import { BatchTable } from './store/batches';
import { FileTable } from './store/files';
import { RecordTable } from './store/records';
import { ReviewTable } from './store/review';
import { RunTable } from './store/runs';
import { openBatchDatabase } from './store/schema';

export type {
  BatchRow,
  FileOutcome,
  FileRow,
  NewFile,
  NewReviewItem,
  PageRow,
  Progress,
  StackRow,
} from './store/rows';

export class BatchStore {
  private readonly db: Database.Database;
  /** Batches, their state and counters, and the options new batches get. */
  readonly batches: BatchTable;
  /** Each batch's files, the pages a run made of them and a separated batch's read stack. */
  readonly files: FileTable;
  /** A run's transitions: start, a first pass's plan, the finished outcome. */
  readonly runs: RunTable;
  /** What a separated batch's documents became in the archive. */
  readonly records: RecordTable;
  /** The review queue. */
  readonly review: ReviewTable;

  constructor(
    readonly file: string,
    clock: () => Date = () => new Date(),
  ) {
    this.db = openBatchDatabase(file);
    this.batches = new BatchTable(this.db, clock);
    this.files = new FileTable(this.db, this.batches);
    this.runs = new RunTable(this.db, this.batches);
    this.records = new RecordTable(this.db);
    this.review = new ReviewTable(this.db, clock);
  }

  close(): void {
    this.db.close();
  }
}

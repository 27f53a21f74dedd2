import sqlite3 from 'sqlite3';

/** A read-only connection to the gateway's SQLite file, for counting violation rows while it writes (WAL). */
export class ViolationRowCounter {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string): Promise<ViolationRowCounter> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (error) =>
        error ? reject(error) : resolve(new ViolationRowCounter(db)),
      );
    });
  }

  count(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM violations', (error, row) =>
        error ? reject(error) : resolve(row?.n ?? 0),
      );
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.db.close(() => resolve()));
  }
}

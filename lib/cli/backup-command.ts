import { backupDatabase, BackupError, restoreDatabase } from "@/lib/ops/backup";
import type { CliIO } from "./main";

export async function runBackup(io: CliIO, file: string): Promise<number> {
  try {
    const { bytes, kind } = await backupDatabase(file);
    io.out(`Backed up the ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} database to ${file} (${(bytes / 1024).toFixed(0)} KB).`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`Backup failed: ${error.message}`);
    return 1;
  }
}

export async function runRestore(io: CliIO, file: string): Promise<number> {
  try {
    await restoreDatabase(file);
    io.out(`Restored ${file}. Restart the app instances so they see the restored data.`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`Restore failed: ${error.message} The database was not changed.`);
    return 1;
  }
}

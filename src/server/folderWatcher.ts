/**
 * The server's own watch on the folders its fact files come from, for clients that do not
 * report file changes (Neovim on Linux, Helix): without it a fact file edited or created
 * on disk would leave a briefing's findings stale until the briefing itself is edited.
 * One non-recursive watcher per folder, on the folders the fact-file search reads.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export type FileChange = 'created' | 'changed' | 'deleted';

/** At most this many folders are watched; a briefing searches a handful. */
const MAX_FOLDERS = 256;

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    /** Whether a file name in a watched folder is one to report (a fact file or bibliography). */
    private readonly wanted: (path: string) => boolean,
    private readonly onChange: (path: string, change: FileChange) => void,
  ) {}

  /** Watches each folder not watched yet; a folder that cannot be watched is skipped. */
  watchFolders(folders: Iterable<string>): void {
    for (const folder of folders) {
      if (this.watchers.has(folder) || this.watchers.size >= MAX_FOLDERS) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (event, name) => {
          if (!name) return;
          const path = join(folder, name.toString());
          if (!this.wanted(path)) return;
          this.onChange(path, event === 'change' ? 'changed' : existsSync(path) ? 'created' : 'deleted');
        });
        watcher.on('error', () => this.unwatch(folder));
        this.watchers.set(folder, watcher);
      } catch {
        // A folder that does not exist (yet) or cannot be read: nothing to watch.
      }
    }
  }

  private unwatch(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }

  dispose(): void {
    for (const folder of [...this.watchers.keys()]) this.unwatch(folder);
  }
}

import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';

export interface SupergraphSource {
  /** For ApolloGateway's `supergraphSdl`. */
  hook: SupergraphSdlHook;
  /** The SDL currently served. */
  current(): string;
  /** Reads the file again and switches to it if it is a valid supergraph; returns whether it switched. */
  reload(): boolean;
}

/**
 * The supergraph from a file, hot-reloaded when the file changes or is replaced (or on `reload()`, which
 * main.ts calls on SIGHUP). An invalid file is refused and the old supergraph keeps serving;
 * Apollo Gateway swaps schemas between requests, so in-flight requests finish on the old one.
 */
export function supergraphFromFile(path: string, log: (line: object) => void, onChange?: (sdl: string) => void): SupergraphSource {
  let current = readFileSync(path, 'utf8');
  let update: ((sdl: string) => void) | null = null;
  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | undefined;

  const reload = (): boolean => {
    let next: string;
    try {
      next = readFileSync(path, 'utf8');
      if (next === current) return false;
      Supergraph.build(next); // throws on anything that is not a valid supergraph
      update?.(next);
    } catch (error) {
      log({ level: 'error', msg: 'supergraph refused; the previous one keeps serving', path, error: String((error as Error).message ?? error).slice(0, 500) });
      return false;
    }
    current = next;
    onChange?.(next);
    log({ level: 'info', msg: 'supergraph reloaded', path });
    return true;
  };

  const hook: SupergraphSdlHook = async ({ update: apply }) => {
    update = apply;
    // The folder is watched, not the file: `npm run schema:publish` replaces the file by a rename
    // (atomic), and a watch on the file itself would stay on the old inode after the first one.
    const name = basename(path);
    watcher = watch(dirname(path), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(debounce);
      debounce = setTimeout(reload, 100); // editors write in several steps
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(debounce);
        watcher?.close();
      },
    };
  };

  return { hook, current: () => current, reload };
}

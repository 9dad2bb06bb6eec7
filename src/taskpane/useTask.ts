// Runs one piece of long work at a time, with progress and a Chinese error message. A fraction of
// null is a step that cannot tell how far it has got: the bar moves without a value.
import { useCallback, useState } from 'react';

export type TaskProgress = (step: string, fraction: number | null) => void;

export interface TaskState {
  busy: boolean;
  step: string;
  fraction: number | null;
  error: string | null;
}

export type RunTask = <T>(work: (progress: TaskProgress) => Promise<T>) => Promise<T | undefined>;

export function useTask() {
  const [state, setState] = useState<TaskState>({ busy: false, step: '', fraction: 0, error: null });
  const run: RunTask = useCallback(async <T,>(work: (progress: TaskProgress) => Promise<T>): Promise<T | undefined> => {
    setState({ busy: true, step: '处理中…', fraction: 0, error: null });
    try {
      const r = await work((step, fraction) => setState((s) => ({ ...s, step, fraction })));
      setState({ busy: false, step: '', fraction: 1, error: null });
      return r;
    } catch (e) {
      setState({ busy: false, step: '', fraction: 0, error: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }, []);
  const clearError = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  return { ...state, run, clearError };
}

import type { TaskView } from '../api/types';
import type { components } from '../api/openapi';

type ProcessCount = components['schemas']['TaskCounts']['byProcess'][number];

/**
 * The steps the inbox's "Bước" filter offers (issue 10 §4): those with tasks, of the chosen process or, with none
 * chosen, of every process, each once, in the order GET /tasks/mine/counts gives them (procedural).
 */
export function stepsOf(byProcess: readonly ProcessCount[], process?: string): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const p of byProcess) {
    if (process && p.process !== process) continue;
    for (const s of p.steps) if (s.total > 0 && !seen.has(s.step)) seen.set(s.step, s.label);
  }
  return [...seen.entries()].map(([value, label]) => ({ value, label }));
}

export function processLabelOf(task: TaskView): string {
  return task.processLabel ?? task.process;
}

import { toLocalDate, type FieldProblem, type LocalDate } from '@partyflow/domain';
import type { TaskDefinition } from '../human-task/human-task';

/**
 * A step whose dates are checked against each other (issue 11 §3): the completion's data (already
 * valid for the step's schema) and today's Vietnamese local date on the workflow clock go to a
 * date-order rule of @partyflow/domain; the earlier dates come from the case. Runs in the update
 * validator, so a date out of order is refused and the task stays open. A check the definition
 * already has runs first.
 */
export const dateChecked = (
  definition: TaskDefinition,
  check: (data: Record<string, unknown>, today: LocalDate) => FieldProblem | undefined,
): TaskDefinition => ({
  ...definition,
  check: (input) => definition.check?.(input) ?? check(input.data ?? {}, toLocalDate(Date.now())),
});

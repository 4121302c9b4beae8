// Compile-time proof (issue 8 §2) that the workflow refs of libs/contracts/src/workflow-refs.ts, through which the
// API starts workflows, match the workflow functions the worker registers: the same names, and for each the same
// parameters and result. `tsc -p tsconfig.json` checks this file; nothing imports it at run time.
import type { WorkflowSignatures } from '@partyflow/contracts';
import type * as registered from './index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type NoneOf<K> = [K] extends [never] ? true : { mismatched: K };

type Workflows = typeof registered;

/** The exported workflows whose parameters or result differ from their signature, or that have none. */
type Mismatched<W, S> = {
  [K in keyof W]: K extends keyof S
    ? W[K] extends (...args: infer A) => Promise<infer R>
      ? S[K] extends { args: infer SA; result: infer SR }
        ? Equal<A, SA> extends true
          ? Equal<R, SR> extends true
            ? never
            : K
          : K
        : K
      : K
    : K;
}[keyof W];

export type EveryWorkflowMatchesItsRef = Expect<NoneOf<Mismatched<Workflows, WorkflowSignatures>>>;
export type EveryRefNamesARegisteredWorkflow = Expect<NoneOf<Exclude<keyof WorkflowSignatures, keyof Workflows>>>;

// Negative controls: the checks above fail for a signature with the wrong argument, the wrong result, or a
// workflow type that is not registered.
type WrongArgs = Omit<WorkflowSignatures, 'transferWorkflow'> & {
  transferWorkflow: { args: [WorkflowSignatures['admissionWorkflow']['args'][0]]; result: unknown };
};
type WrongResult = Omit<WorkflowSignatures, 'admissionWorkflow'> & {
  admissionWorkflow: { args: WorkflowSignatures['admissionWorkflow']['args']; result: { status: string } };
};
// @ts-expect-error transferWorkflow does not take an AdmissionInput
export type CaughtWrongArgs = Expect<NoneOf<Mismatched<Workflows, WrongArgs>>>;
// @ts-expect-error admissionWorkflow does not return a bare { status }
export type CaughtWrongResult = Expect<NoneOf<Mismatched<Workflows, WrongResult>>>;
type UnknownName = keyof WorkflowSignatures | 'admissionWorkflowV2';
// @ts-expect-error no workflow of that name is registered
export type CaughtUnknownName = Expect<NoneOf<Exclude<UnknownName, keyof Workflows>>>;

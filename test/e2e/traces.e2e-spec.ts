import { demoOrgId, HumanTaskEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  eventually,
  startOtlpReceiver,
  startSystem,
  traceTree,
  type OtlpReceiver,
  type ReceivedSpan,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Issue 12 §4, traces: the API and the worker of the harness export their spans over OTLP/HTTP to an in-process
 * receiver (OTEL_EXPORTER_OTLP_ENDPOINT), and one task completed over HTTP is one connected trace, from the HTTP
 * request through the Temporal update into the workflow, its activities, and the activity that opens the next task.
 */
let receiver: OtlpReceiver;
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  sys = await startSystem({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
  await receiver?.close();
});

const COMPLETE_ROUTE = 'POST /tasks/:id/complete';

describe('traces over OTLP (API + worker + dev server + PostgreSQL + an in-process OTLP receiver)', () => {
  it('should make one task completion one connected trace: HTTP request → update → closeTask → openTask of the next task', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Đỗ Thị Vết' });
    const [done] = await driver.completeInOrder(caseId, ['introducers'], cellTdp5);
    expect(done.key).toBe('introducers');
    await driver.waitForOpenTask(caseId, 'background_check', 'giamsat.hoangmai');

    const spansOf = (traceId: string) => receiver.spans().filter((s) => s.traceId === traceId);
    // The workflow's StartActivity:openTask span ends when the workflow takes the activity's result, just after the
    // row is visible: wait for the trace to hold it.
    const http = await eventually(async () => {
      await sys.flushTraces();
      const root = receiver
        .spans()
        .find((s) => s.name === COMPLETE_ROUTE && s.attributes['http.response.status_code'] === 200);
      const trace = root ? spansOf(root.traceId) : [];
      return trace.some((s) => s.name === 'StartActivity:openTask') && root;
    }, 'the completion trace reaching the next task');
    const trace = spansOf(http.traceId);
    const named = (name: string): ReceivedSpan => {
      const found = trace.filter((s) => s.name === name);
      expect(found.map((s) => s.name)).toEqual([name]);
      return found[0];
    };

    // One trace, every span's parent in it: the API's request and update, then the worker's workflow and activities.
    expect(traceTree(receiver.spans(), http.traceId)).toEqual([
      'POST /tasks/:id/complete [partyflow-api]',
      '  StartWorkflowUpdate:completeTask [partyflow-api]',
      '    ValidateUpdate:completeTask [partyflow-worker]',
      '    HandleUpdate:completeTask [partyflow-worker]',
      '      StartActivity:closeTask [partyflow-worker]',
      '        RunActivity:closeTask [partyflow-worker]',
      '      StartActivity:openTask [partyflow-worker]',
      '        RunActivity:openTask [partyflow-worker]',
    ]);
    // The HTTP span is the server span of the route, the trace's root (no traceparent came with the request).
    expect(http).toMatchObject({ kind: 2, parentSpanId: undefined });
    expect(http.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/tasks/:id/complete',
      'http.response.status_code': 200,
    });
    // The links, one by one: each span's parent is the one before it.
    const update = named('StartWorkflowUpdate:completeTask');
    const handled = named('HandleUpdate:completeTask');
    const closeStarted = named('StartActivity:closeTask');
    const openStarted = named('StartActivity:openTask');
    expect(update.parentSpanId).toBe(http.spanId);
    expect(named('ValidateUpdate:completeTask').parentSpanId).toBe(update.spanId);
    expect(handled.parentSpanId).toBe(update.spanId);
    expect(closeStarted.parentSpanId).toBe(handled.spanId);
    expect(named('RunActivity:closeTask').parentSpanId).toBe(closeStarted.spanId);
    // The next task's openTask is the completion's child: the workflow opens it in the completion's context.
    expect(openStarted.parentSpanId).toBe(handled.spanId);
    const opened = named('RunActivity:openTask');
    expect(opened.parentSpanId).toBe(openStarted.spanId);

    // The spans name the case's workflow, the one whose background_check task the openTask wrote.
    const { workflowId } = await sys.dataSource
      .getRepository(HumanTaskEntity)
      .findOneByOrFail({ caseId, taskKey: 'background_check' });
    expect(opened.attributes.temporalWorkflowId).toBe(workflowId);
    expect(update.attributes.temporalWorkflowId).toBe(workflowId);
  });
});

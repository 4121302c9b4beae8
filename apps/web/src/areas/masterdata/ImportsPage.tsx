import {
  Alert,
  Button,
  Card,
  Form,
  List,
  Progress,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  IMPORT_KIND_LABELS,
  IMPORT_OUTCOME_LABELS,
  IMPORT_STATUS_LABELS,
  SPREADSHEET_IMPORT_KINDS,
  type SpreadsheetImportKind,
} from '@partyflow/domain';
import { api, ApiFailure, unwrap, type ApiErrorBody } from '../../api/client';
import type { components } from '../../api/openapi';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../format';
import { contentTypeOf, importErrorText, progressText } from './imports-view';
import { MasterdataHeader, TONE } from './shared';

/** GET /imports/:id and GET /imports (imports.responses.ts). */
type ImportView = components['schemas']['Import'];
/** POST /imports/:kind for activity records answers at once (records-import.service.ts). */
type RecordsOutcome = { importId: string; kind: string; rows: number; created: number; updated: number };

/** Imports that run in the background and are polled; the activity-record kinds answer at once (CSV only). */
const BACKGROUND: readonly SpreadsheetImportKind[] = ['members', 'organisations', 'users'];
const FILE_NAMES = 'partyflow.import-files';

/** The file name of each import this browser sent (the API does not keep it). */
function fileNames(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(FILE_NAMES) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function rememberFileName(id: string, name: string): void {
  localStorage.setItem(FILE_NAMES, JSON.stringify({ ...fileNames(), [id]: name }));
}

type RawResult = { data?: unknown; error?: unknown; response: Response };
/** The file goes as the raw request body with its own content type (imports.controller.ts), not as JSON. */
async function postFile(kind: SpreadsheetImportKind, file: File, type: string): Promise<unknown> {
  const post = api.POST as unknown as (
    path: string,
    init: { body: unknown; bodySerializer: (b: unknown) => unknown; headers: Record<string, string> },
  ) => Promise<RawResult>;
  let result: RawResult;
  try {
    result = await post(`/imports/${kind}`, {
      body: file,
      bodySerializer: (b) => b,
      headers: { 'content-type': type },
    });
  } catch {
    throw new ApiFailure(0, { code: 'NETWORK', message: 'Không kết nối được máy chủ. Vui lòng thử lại.' });
  }
  if (result.response.ok) return result.data;
  const body = result.error as { error?: ApiErrorBody } | undefined;
  throw new ApiFailure(
    result.response.status,
    body?.error ?? { code: `HTTP_${result.response.status}`, message: 'Máy chủ từ chối tệp.' },
  );
}

function outcomeText(outcome: Record<string, number> | null): string {
  if (!outcome) return '';
  return Object.entries(outcome)
    .filter(([k, n]) => n > 0 || ['created', 'updated', 'unchanged'].includes(k))
    .map(([k, n]) => `${IMPORT_OUTCOME_LABELS[k as keyof typeof IMPORT_OUTCOME_LABELS]?.vi ?? 'Khác'}: ${n}`)
    .join(', ');
}

const HISTORY_PAGE_SIZE = 20;

export function ImportsPage() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SpreadsheetImportKind>('members');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ fileName: string; ok: boolean; text: string } | null>(null);
  const [current, setCurrent] = useState<{ id: string; fileName: string } | null>(null);
  const paging = useCursorPaging();
  const { cursor } = paging;

  const progress = useQuery({
    queryKey: ['import', current?.id],
    enabled: !!current,
    queryFn: async () => unwrap(api.GET('/imports/{id}', { params: { path: { id: current?.id ?? '' } } })),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'succeeded' || s === 'failed' ? false : 1000;
    },
  });
  const history = useQuery({
    queryKey: ['imports', cursor ?? ''],
    queryFn: async () =>
      unwrap(
        api.GET('/imports', { params: { query: { pageSize: HISTORY_PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
      ),
    refetchInterval: progress.data && !['succeeded', 'failed'].includes(progress.data.status) ? 3000 : false,
  });

  const send = async () => {
    const file = files[0]?.originFileObj as File | undefined;
    if (!file) return;
    const type = contentTypeOf(file.name);
    setResult(null);
    setCurrent(null);
    if (!type || (!BACKGROUND.includes(kind) && type !== 'text/csv')) {
      setResult({
        fileName: file.name,
        ok: false,
        text: BACKGROUND.includes(kind) ? 'Chỉ nhận tệp .csv hoặc .xlsx.' : 'Loại dữ liệu này chỉ nhận tệp .csv.',
      });
      return;
    }
    setSending(true);
    try {
      const answer = await postFile(kind, file, type);
      if (BACKGROUND.includes(kind)) {
        const view = answer as ImportView;
        rememberFileName(view.id, file.name);
        setCurrent({ id: view.id, fileName: file.name });
      } else {
        const done = answer as RecordsOutcome;
        setResult({
          fileName: file.name,
          ok: true,
          text: `Đã nhập ${done.rows} dòng: ${outcomeText({ created: done.created, updated: done.updated })}`,
        });
      }
      setFiles([]);
      // The new import is the newest: the history shows it on its first page.
      paging.reset();
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
    } catch (e) {
      setResult({
        fileName: file.name,
        ok: false,
        text: e instanceof ApiFailure ? importErrorText(e.error) : 'Không gửi được tệp. Vui lòng thử lại.',
      });
    } finally {
      setSending(false);
    }
  };

  const view = progress.data;
  const names = fileNames();
  const finished = view && (view.status === 'succeeded' || view.status === 'failed');
  useEffect(() => {
    // The history shows the import's end as soon as the progress does.
    if (finished) void queryClient.invalidateQueries({ queryKey: ['imports'] });
  }, [finished, view?.id, queryClient]);

  return (
    <div>
      <MasterdataHeader title="Nhập từ bảng tính" />
      <Card size="small" title="Gửi tệp" style={{ marginBottom: 12 }}>
        <Form layout="vertical" onFinish={send}>
          <Form.Item label="Loại dữ liệu" htmlFor="import-kind">
            <Select
              id="import-kind"
              value={kind}
              onChange={setKind}
              options={SPREADSHEET_IMPORT_KINDS.map((k) => ({
                value: k,
                label: `${IMPORT_KIND_LABELS[k].vi}${BACKGROUND.includes(k) ? ' (CSV hoặc xlsx)' : ' (CSV)'}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            label="Tệp"
            extra="Dòng 1 là dòng tiêu đề; tất cả hoặc không: một dòng sai thì không dòng nào được ghi."
          >
            <Upload
              accept=".csv,.xlsx,text/csv"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(-1))}
            >
              <Button icon={<UploadOutlined />}>Chọn tệp</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!files.length} loading={sending}>
            Gửi tệp
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {result ? (
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            role={result.ok ? 'status' : 'alert'}
            style={{ marginBottom: 12 }}
            message={<span data-testid="import-file">{result.fileName}</span>}
            description={<span data-testid="import-outcome">{result.text}</span>}
          />
        ) : null}
        {current ? (
          <Card size="small" style={{ marginBottom: 12 }} title={current.fileName}>
            {progress.isError ? (
              <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
            ) : !view ? (
              <Loading rows={1} />
            ) : (
              <ImportStatus view={view} />
            )}
          </Card>
        ) : null}
      </div>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        Các lần nhập của tôi
      </Typography.Title>
      {history.isPending ? (
        <Loading rows={3} />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <EmptyState text="Chưa nhập tệp nào" />
      ) : (
        <List<ImportView>
          aria-label="Các lần nhập của tôi"
          dataSource={history.data.items}
          rowKey="id"
          renderItem={(i) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space wrap>
                  <strong>{names[i.id] ?? IMPORT_KIND_LABELS[i.kind as SpreadsheetImportKind]?.vi ?? 'Tệp'}</strong>
                  <span>{formatDateTime(i.startedAt)}</span>
                </Space>
                <ImportStatus view={i} />
              </div>
            </List.Item>
          )}
        />
      )}
      {history.data ? <CursorPager page={history.data} paging={paging} label="lần nhập" /> : null}
    </div>
  );
}

function ImportStatus({ view }: { view: ImportView }) {
  const label = IMPORT_STATUS_LABELS[view.status]?.vi ?? 'Không rõ';
  const colour = view.status === 'succeeded' ? TONE.success : view.status === 'failed' ? TONE.error : TONE.info;
  const percent = view.rowsTotal ? Math.round((100 * view.rowsDone) / view.rowsTotal) : 0;
  return (
    <div>
      <Space wrap>
        <Tag color={colour}>{label}</Tag>
        <span>{IMPORT_KIND_LABELS[view.kind as SpreadsheetImportKind]?.vi}</span>
        <span data-testid="import-progress">{progressText(view.rowsDone, view.rowsTotal)}</span>
      </Space>
      {view.status === 'running' || view.status === 'counting' ? (
        <Progress percent={percent} size="small" aria-label="Tiến độ nhập" />
      ) : null}
      {view.status === 'succeeded' ? <div data-testid="import-outcome">{outcomeText(view.outcome)}</div> : null}
      {view.status === 'failed' ? (
        <Typography.Text type="danger" data-testid="import-outcome">
          {importErrorText(view.error)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, unwrap } from '../api/client';
import { dayjs } from '../format';
import { SearchSelect } from '../components/SearchSelect';
import type { FieldSpec } from './schema-form';

/** A member chosen by name (the contract wants the member's id): searches the roll as the user types. */
function MemberSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  return (
    <SearchSelect
      {...props}
      queryKey={['members', 'pick']}
      placeholder="Gõ họ tên để tìm"
      search={async (q) =>
        (await unwrap(api.GET('/members', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map(
          (m) => ({ value: m.id, label: m.orgName ? `${m.fullName} — ${m.orgName}` : m.fullName }),
        )
      }
    />
  );
}

/** A Vietnamese local date (`YYYY-MM-DD`) in a date picker shown as dd/mm/yyyy. */
export const dateInput = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v, 'YYYY-MM-DD') : undefined }),
  normalize: (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined),
};

function FieldInput({
  field,
  path,
  optional = false,
}: {
  field: FieldSpec;
  path: (string | number)[];
  /** Inside an optional group: nothing is required until the group is given (the API then checks it whole). */
  optional?: boolean;
}) {
  const required = field.required && !optional;
  const rules =
    required && field.kind !== 'confirm' ? [{ required: true, message: `Nhập ${field.label.toLowerCase()}` }] : [];
  switch (field.kind) {
    case 'group':
      return (
        <Card size="small" title={required ? field.label : `${field.label} (nếu có)`} style={{ marginBottom: 16 }}>
          {field.fields.map((f) => (
            <FieldInput key={f.name} field={f} path={[...path, f.name]} optional={!required} />
          ))}
        </Card>
      );
    case 'list':
      return <ListInput field={field} path={path} />;
    case 'confirm':
      return (
        <Form.Item
          name={path}
          valuePropName="checked"
          rules={[
            { validator: (_, v) => (v === true ? Promise.resolve() : Promise.reject(new Error('Cần xác nhận'))) },
          ]}
          normalize={(v: boolean) => (v ? true : undefined)}
        >
          <Checkbox>{field.label}</Checkbox>
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item name={path} label={field.label} valuePropName="checked" initialValue={false}>
          <Switch />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item name={path} label={field.label} rules={rules} extra={field.help}>
          <InputNumber
            min={field.min}
            max={field.max}
            precision={field.integer ? 0 : undefined}
            inputMode="numeric"
            style={{ width: '100%', maxWidth: 200 }}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item name={path} label={field.label} rules={rules} extra={field.help} {...dateInput}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%', maxWidth: 200 }} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item name={path} label={field.label} rules={rules} extra={field.help}>
          <Select options={field.options} allowClear={!required} placeholder="Chọn" />
        </Form.Item>
      );
    case 'member':
      return (
        <Form.Item name={path} label={field.label} rules={rules} extra={field.help}>
          <MemberSelect />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item
          name={path}
          label={field.label}
          rules={required ? [{ required: true, whitespace: true, message: `Nhập ${field.label.toLowerCase()}` }] : []}
          extra={field.help}
        >
          {field.multiline ? (
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={field.maxLength} />
          ) : (
            <Input maxLength={field.maxLength} />
          )}
        </Form.Item>
      );
  }
}

function ListInput({ field, path }: { field: Extract<FieldSpec, { kind: 'list' }>; path: (string | number)[] }) {
  return (
    <Form.List
      name={path}
      initialValue={Array.from({ length: Math.max(field.min, 1) }, () => ({}))}
      rules={[
        {
          validator: async (_, items?: unknown[]) => {
            if ((items?.length ?? 0) < field.min) throw new Error(`Cần ít nhất ${field.min}`);
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <Card size="small" title={field.label} style={{ marginBottom: 16 }} data-list={path.join('_')}>
          {rows.map((row, i) => (
            <div key={row.key} style={{ borderBottom: '1px dashed #d9d9d9', marginBottom: 12 }}>
              <Space align="center" style={{ marginBottom: 8 }}>
                <Typography.Text strong>
                  {field.label} {i + 1}
                </Typography.Text>
                {rows.length > field.min ? (
                  <Button
                    size="small"
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(row.name)}
                    aria-label={`Bỏ ${field.label.toLowerCase()} ${i + 1}`}
                  >
                    Bỏ
                  </Button>
                ) : null}
              </Space>
              {field.item.map((f) => (
                <FieldInput key={f.name} field={f} path={f.name === 'value' ? [row.name] : [row.name, f.name]} />
              ))}
            </div>
          ))}
          {field.max === undefined || rows.length < field.max ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-list-add={path.join('_')}>
              Thêm {field.label.toLowerCase()}
            </Button>
          ) : null}
          <Form.ErrorList errors={errors} />
        </Card>
      )}
    </Form.List>
  );
}

/** The inputs of a step's data, inside an antd Form; `prefix` is where the data sits in the form's values. */
export function StepFields({ fields, prefix = [] }: { fields: FieldSpec[]; prefix?: (string | number)[] }) {
  return (
    <>
      {fields.map((f) => (
        <FieldInput key={f.name} field={f} path={[...prefix, f.name]} />
      ))}
    </>
  );
}

import { Form, Input } from 'antd';

/**
 * The reason a change carries (every change is written to the audit log with who, when and why). `message` is shown
 * when it is left empty; `minLength` is the API's shortest reason where it sets one.
 */
export function ReasonField({
  label,
  message,
  required = true,
  minLength = 0,
  maxLength = 2000,
}: {
  label: string;
  message: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}) {
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message }] : []),
        ...(minLength ? [{ min: minLength, message: `Lý do cần ít nhất ${minLength} ký tự` }] : []),
      ]}
    >
      <Input.TextArea rows={2} maxLength={maxLength} />
    </Form.Item>
  );
}

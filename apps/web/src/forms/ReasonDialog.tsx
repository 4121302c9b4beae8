import { Alert, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { showFieldError } from '../api/field-errors';
import { errorMessage } from '../api/errors';
import { ReasonField } from './ReasonField';

/**
 * A confirmation that asks why (a revocation, a removal, a clearing): the reason goes to the API, which records it in
 * the audit log. A 400 on `reason` is shown at the field, any other failure above the form; on success the queries
 * under `invalidate` are refreshed before `onDone` gets the answer.
 */
export function ReasonDialog<T>({
  title,
  okText,
  intro,
  reasonLabel,
  reasonMessage,
  maxLength = 2000,
  invalidate,
  submit,
  onClose,
  onDone,
}: {
  title: string;
  okText: string;
  intro: ReactNode;
  reasonLabel: string;
  reasonMessage: string;
  maxLength?: number;
  invalidate: readonly unknown[];
  submit: (reason: string) => Promise<T>;
  onClose: () => void;
  onDone: (result: T) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: async (res) => {
      await queryClient.invalidateQueries({ queryKey: invalidate });
      onDone(res);
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => (f === 'reason' ? ['reason'] : undefined));
      setFailure(shown ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {intro}
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFailure(null);
          mutation.mutate(v.reason.trim());
        }}
      >
        <ReasonField label={reasonLabel} message={reasonMessage} minLength={3} maxLength={maxLength} />
      </Form>
    </Modal>
  );
}

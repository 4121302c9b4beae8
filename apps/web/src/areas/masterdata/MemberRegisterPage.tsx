import { Card } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { MemberForm, memberBody, type MemberFormValues } from './MemberForm';
import { MD } from './paths';
import { MasterdataHeader } from './shared';

/** Registering a candidate (quần chúng ưu tú) in a cell: the full form of POST /members. */
export function MemberRegisterPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submit = async (v: MemberFormValues) => {
    const body = { ...memberBody(v), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
    const created = await unwrap(api.POST('/members', { body: body }));
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    navigate(MD.member(created.id), { state: { done: `Đã ghi tên quần chúng ưu tú ${created.fullName}.` } });
  };
  return (
    <div>
      <MasterdataHeader title="Ghi tên quần chúng ưu tú" />
      <Card size="small">
        <MemberForm mode="register" submitText="Ghi tên" onSubmit={submit} onCancel={() => navigate(MD.members)} />
      </Card>
    </div>
  );
}

import { Alert, Descriptions, Form } from 'antd';
import { labelVi, type VoteStepRule } from '@partyflow/domain';
import { voteVerdict } from './vote-verdict';

/** What GET /tasks/:id answers about a vote step (`form.vote`): the rule and the roster it is counted against. */
export type VoteForm = VoteStepRule & { eligible: number; required: number; thresholdLabel: string };

/**
 * A vote step's roster (from the organisation's records, never typed in) and whether the counts typed so far reach
 * the threshold, before the user submits (issue 10).
 */
export function VoteTally({ roster, vote }: { roster: { official: number; exempt: number }; vote?: VoteForm }) {
  const yes = Form.useWatch(['data', 'votes', 'yes']) as number | null | undefined;
  const no = Form.useWatch(['data', 'votes', 'no']) as number | null | undefined;
  const verdict =
    vote && typeof yes === 'number' && typeof no === 'number' ? voteVerdict(vote, roster, { yes, no }) : null;
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        title="Danh sách biểu quyết (lấy từ hồ sơ đảng viên)"
        items={[
          { key: 'official', label: 'Đảng viên chính thức', children: roster.official },
          { key: 'exempt', label: 'Trong đó được miễn công tác và sinh hoạt', children: roster.exempt },
          ...(vote
            ? [
                { key: 'eligible', label: 'Có quyền biểu quyết', children: vote.eligible },
                {
                  key: 'threshold',
                  label: 'Ngưỡng tán thành',
                  children: `${vote.thresholdLabel}, tức ít nhất ${vote.required} phiếu`,
                },
              ]
            : []),
        ]}
      />
      {verdict ? (
        <Alert
          type={'error' in verdict ? 'error' : 'info'}
          showIcon
          role="status"
          aria-live="polite"
          style={{ marginBottom: 16 }}
          message={'error' in verdict ? verdict.error : `Kết quả theo số phiếu: ${labelVi(verdict.outcome)}`}
          description={'error' in verdict ? undefined : verdict.reason}
        />
      ) : null}
    </>
  );
}

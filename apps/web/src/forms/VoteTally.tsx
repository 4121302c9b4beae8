import { Alert, Descriptions, Form } from 'antd';
import { evaluateVote, type Threshold } from '@partyflow/domain';

/**
 * A vote step's roster (from the organisation's records, never typed in) and whether the counts typed so far
 * reach the threshold, computed with the same rule the workflow applies (libs/domain evaluateVote).
 */
export function VoteTally({
  roster,
  threshold,
  excludeExempt,
}: {
  roster: { official: number; exempt: number };
  threshold?: Threshold;
  excludeExempt?: boolean;
}) {
  const yes = Form.useWatch(['data', 'votes', 'yes']) as number | null | undefined;
  const no = Form.useWatch(['data', 'votes', 'no']) as number | null | undefined;
  let verdict: { type: 'success' | 'warning' | 'error'; text: string } | null = null;
  if (threshold && typeof yes === 'number' && typeof no === 'number') {
    try {
      const result = evaluateVote({ roster, votes: { yes, no }, threshold, excludeExempt });
      verdict = { type: result.passed ? 'success' : 'warning', text: result.reason };
    } catch {
      verdict = { type: 'error', text: 'Tổng số phiếu vượt quá số đảng viên có quyền biểu quyết.' };
    }
  }
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
          ...(threshold
            ? [
                {
                  key: 'threshold',
                  label: 'Ngưỡng tán thành',
                  children: `${threshold.strict ? 'trên' : 'ít nhất'} ${threshold.numerator}/${threshold.denominator}`,
                },
              ]
            : []),
        ]}
      />
      {verdict ? (
        <Alert
          type={verdict.type}
          showIcon
          role="status"
          aria-live="polite"
          style={{ marginBottom: 16 }}
          message={verdict.text}
        />
      ) : null}
    </>
  );
}

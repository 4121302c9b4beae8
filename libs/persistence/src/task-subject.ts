/**
 * The case's subject of a task row (alias `t`): the candidate or member of an admission, screening or transfer
 * case, the inspected cell of an inspection (`case_id` is that row's id), joined per row. Used by the inbox, the
 * supervision page and the task mails (issue 12 §5).
 */
export const SUBJECT_NAME_SQL = `(CASE t.process
  WHEN 'admission' THEN (SELECT m.full_name FROM admission_case c JOIN member m ON m.id = c.candidate_member_id
    WHERE c.id = t.case_id)
  WHEN 'screening' THEN (SELECT m.full_name FROM screening_case c JOIN member m ON m.id = c.member_id
    WHERE c.id = t.case_id)
  WHEN 'transfer' THEN (SELECT m.full_name FROM party_transfer c JOIN member m ON m.id = c.member_id
    WHERE c.id = t.case_id)
  WHEN 'inspection' THEN (SELECT o.name FROM cell_inspection c JOIN organisation o ON o.id = c.cell_org_id
    WHERE c.id = t.case_id)
END)`;

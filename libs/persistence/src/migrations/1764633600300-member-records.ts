import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Vietnamese letters with diacritics (NFC, lower then upper case) and the letter each is searched as. */
export const SEARCH_KEY_FROM =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
export const SEARCH_KEY_TO =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD';

/**
 * Issue 9 §2 and §8. The personal record of a member or candidate: gender, national ID (CCCD, 12
 * digits, unique when given), the Party-awareness course (its dates, the certificate's number and
 * issuer beside the existing issue date), the exemption (since, reason) and the removal date. A
 * discipline record says which body decided it (`decided_by`; NULL for rows recorded before).
 * `member_search_key(text)` is the diacritics-insensitive key names are searched by, the same as
 * `searchKey` of libs/domain.
 */
export class MemberRecords1764633600300 implements MigrationInterface {
  name = 'MemberRecords1764633600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE member
        ADD COLUMN gender text NULL CONSTRAINT member_gender_check CHECK (gender IN ('male','female')),
        ADD COLUMN national_id text NULL CONSTRAINT member_national_id_check CHECK (national_id ~ '^[0-9]{12}$'),
        ADD COLUMN course_started_on date NULL,
        ADD COLUMN course_ended_on date NULL,
        ADD COLUMN course_certificate_number text NULL,
        ADD COLUMN course_certificate_issuer text NULL,
        ADD COLUMN exempt_since date NULL,
        ADD COLUMN exempt_reason text NULL,
        ADD COLUMN removed_on date NULL;
      CREATE UNIQUE INDEX ux_member_national_id ON member (national_id) WHERE national_id IS NOT NULL;

      ALTER TABLE discipline_record
        ADD COLUMN decided_by text NULL CONSTRAINT discipline_record_decided_by_check
          CHECK (decided_by IN ('cell','grassroots_committee','superior_committee','inspection_commission','state_agency'));

      CREATE FUNCTION member_search_key(name text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN btrim(regexp_replace(lower(translate(normalize(name, NFC), '${SEARCH_KEY_FROM}', '${SEARCH_KEY_TO}')), '\\s+', ' ', 'g'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION member_search_key(text);
      ALTER TABLE discipline_record DROP COLUMN decided_by;
      DROP INDEX ux_member_national_id;
      ALTER TABLE member
        DROP COLUMN gender, DROP COLUMN national_id, DROP COLUMN course_started_on, DROP COLUMN course_ended_on,
        DROP COLUMN course_certificate_number, DROP COLUMN course_certificate_issuer, DROP COLUMN exempt_since,
        DROP COLUMN exempt_reason, DROP COLUMN removed_on;
    `);
  }
}

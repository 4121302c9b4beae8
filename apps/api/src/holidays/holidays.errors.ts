import { ApiError } from '../common/api-error';

/** The holiday capability's own error answers: code and Vietnamese message. */
export const holidayErrors = {
  exists: (date: string, name: string) =>
    ApiError.conflict(
      'HOLIDAY_EXISTS',
      `Ngày ${date} đã có trong lịch đã công bố ('${name}'); hãy sửa ngày đó (PUT /holidays/${date}) thay vì thêm mới.`,
    ),
  notFound: (date: string) => ApiError.notFound('ngày nghỉ lễ hoặc ngày làm bù', date),
  forbidden: () =>
    ApiError.forbidden('Chỉ quản trị viên cấp cao nhất (Thành ủy) được thay đổi lịch ngày nghỉ lễ và ngày làm bù'),
};

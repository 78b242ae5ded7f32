/**
 * Finding one of the council's users by id, for the pages about one user. The API has no
 * "get one user" call, so this reads the council's list (administrators only).
 */
import { api, usersPath, type ApiResult, type Session, type User } from './api';

/** The user with id `userId` in the signed-in person's council, or a 404 problem. */
export async function findUser(session: Session, userId: string | null): Promise<ApiResult<User>> {
  const notFound: ApiResult<User> = {
    ok: false,
    problem: {
      status: 404,
      type: '',
      title: 'Not found',
      detail: 'There is no such user. Go back to the list of users and choose one.',
      errors: [],
    },
  };
  if (!userId) return notFound;
  const result = await api<{ users: User[] }>('GET', usersPath(session.user.council_id));
  if (!result.ok) return result;
  const user = result.data.users.find((u) => u.id === userId);
  return user ? { ok: true, status: 200, data: user } : notFound;
}

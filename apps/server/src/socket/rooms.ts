// The socket.io rooms of a lesson. Every connection of a lesson is in `all`; staff screens,
// projectors and each student's connections have their own room on top.
export const rooms = {
  all: (code: string) => `lesson:${code}`,
  staff: (code: string) => `lesson:${code}:staff`,
  projector: (code: string) => `lesson:${code}:projector`,
  player: (code: string, playerId: string) => `lesson:${code}:player:${playerId}`,
};

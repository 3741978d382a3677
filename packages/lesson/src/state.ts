// Placeholder until the state machine lands: the state's fields are defined here.
export interface LessonState {
  version: number;
}

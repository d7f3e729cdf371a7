/** A live view of a run's {@link BatchStats}: started with the run, stopped when it ends. */
export interface BatchProgress {
  /** Draws the last state and releases the terminal (or the timer). */
  stop(): void;
}

/**
 * One timer for every open long-lived response of a kind, instead of one per
 * response: each member's `beat` runs once per `periodMs`. Members are spread
 * over `slots` groups and one group beats per tick, so ten thousand waiting
 * pages do not all re-read the store in the same millisecond. A new member
 * joins the group that has just beaten: its first beat is a full period away.
 * The timer runs only while there are members and never holds the process open.
 */
export class Heartbeats<Member extends { beat(): void }> {
  private readonly groups: Set<Member>[];
  private tick = 0;
  private timer: NodeJS.Timeout | undefined;
  private size = 0;

  constructor(
    private readonly periodMs: number,
    slots = 15,
  ) {
    this.groups = Array.from({ length: slots }, () => new Set<Member>());
  }

  add(member: Member) {
    const group = this.groups[(this.tick + this.groups.length - 1) % this.groups.length]!;
    if (group.has(member)) return;
    group.add(member);
    this.size += 1;
    this.timer ??= setInterval(() => this.beatNextGroup(), this.periodMs / this.groups.length).unref();
  }

  delete(member: Member) {
    for (const group of this.groups) {
      if (!group.delete(member)) continue;
      this.size -= 1;
      if (this.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
      return;
    }
  }

  /** Every member, for ending them all (a shutdown). */
  *members(): Iterable<Member> {
    for (const group of this.groups) yield* group;
  }

  private beatNextGroup() {
    const group = this.groups[this.tick % this.groups.length]!;
    this.tick += 1;
    for (const member of group) member.beat();
  }
}

"""Prints the corpus's size and hint rate, per task and in all:
``.venv/bin/python -m tests.mistakes.report``. A rejection "names the mistake"
when its hint contains the corpus entry's phrase."""
from collections import defaultdict

from . import all_mistakes, run


def main():
    rows = defaultdict(lambda: [0, 0, 0])   # task -> [entries, rejected, named]
    for exercise, mistake in all_mistakes():
        task = f"{exercise[:2]} {mistake.call.split('(')[0]}"
        result, _ = run(exercise, mistake)
        row = rows[task]
        row[0] += 1
        row[1] += not result
        row[2] += (not result) and mistake.hint.lower() in result.hint.lower()
    total = [sum(r[k] for r in rows.values()) for k in range(3)]
    width = max(len(t) for t in rows)
    print(f"{'task':<{width}}  wrong answers  rejected  hint names it")
    for task, (n, rejected, named) in sorted(rows.items()):
        print(f"{task:<{width}}  {n:>13}  {rejected:>8}  {named:>13}")
    n, rejected, named = total
    print(f"{'all':<{width}}  {n:>13}  {rejected:>8}  {named:>13}  "
          f"({named / max(rejected, 1):.1%} of rejections name the mistake)")


if __name__ == "__main__":
    main()

# nbgrader's configuration for this course. nbgrader reads it from the folder it runs in:
# this folder (the course directory), or a copy that `bash scripts/instructor.sh` lays out
# elsewhere (INSTRUCTOR_COURSE_DIR). See README, "For instructors", and docs/teaching.md.
import os

c = get_config()  # noqa: F821 (traitlets provides it)

# On a hub with nbgrader's exchange, set this to the course's name there.
c.CourseDirectory.course_id = os.environ.get("NBGRADER_COURSE_ID", "lstm-course")

# The placeholders of the course's own exercises (scripts/make_exercises.py), so that the
# released notebooks equal exercises/ (a test checks).
c.ClearSolutions.code_stub = {"python": '# YOUR CODE HERE\nraise NotImplementedError("write your code here")'}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grading mode: a checker that does not pass prints its verdict as usual, then raises
# AssertionError, so the graded checker cell gets no points (lstm_course/checks/result.py).
# The kernels that nbgrader starts (autograde, validate) inherit it.
os.environ["LSTM_COURSE_GRADING"] = "1"

# A checker takes a second or two; a learner's endless loop should not hold the grader long.
c.Execute.timeout = 120

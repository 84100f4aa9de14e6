"""Natural wrong answers for exercise 10 (a line-position feature, correlations of cells
with a feature, gate saturation fractions)."""
from . import Mistake

EXERCISE = "10_what_the_cells_learned"

LINE = "check_line_position(line_position)"
CORR = "check_correlations(correlations)"
SAT = "check_saturation_fractions(saturation_fractions)"

MISTAKES = [
    # ------------------------------------------------------------------ task 1: line_position
    Mistake("resets before recording", '''
def line_position(text):
    out, col = [], 0
    for ch in text:
        if ch == "\\n":
            col = 0
        out.append(col)
        col += 1
    return np.array(out)
''', LINE, "record the position first, then reset"),
    Mistake("counts from 1", '''
def line_position(text):
    out, col = [], 0
    for ch in text:
        col += 1
        out.append(col)
        if ch == "\\n":
            col = 0
    return np.array(out)
''', LINE, "count from 1"),
    Mistake("updates before recording", '''
def line_position(text):
    out, col = [], 0
    for ch in text:
        col = 0 if ch == "\\n" else col + 1
        out.append(col)
    return np.array(out)
''', LINE, "record the position before you update the count"),
    Mistake("rfind includes the character itself", '''
def line_position(text):
    return np.array([k - text.rfind("\\n", 0, k + 1) - 1 for k in range(len(text))])
''', LINE, "finds the character itself"),
    Mistake("never resets", '''
def line_position(text):
    return np.arange(len(text))
''', LINE, "reset the count at every newline"),
    Mistake("resets at spaces", '''
def line_position(text):
    out, col = [], 0
    for ch in text:
        out.append(col)
        col = 0 if ch in " \\n" else col + 1
    return np.array(out)
''', LINE, "a space does not"),
    Mistake("line numbers", '''
def line_position(text):
    return np.array([text[:k].count("\\n") for k in range(len(text))])
''', LINE, "not which line it is on"),
    Mistake("split drops the newlines", '''
def line_position(text):
    return np.concatenate([np.arange(len(line)) for line in text.split("\\n")])
''', LINE, "the newlines included"),
    Mistake("a Python list", '''
def line_position(text):
    out, col = [], 0
    for ch in text:
        out.append(col)
        col = 0 if ch == "\\n" else col + 1
    return out
''', LINE, "return a numpy array of ints"),
    Mistake("np.zeros holds floats", '''
def line_position(text):
    out = np.zeros(len(text))
    col = 0
    for k, ch in enumerate(text):
        out[k] = col
        col = 0 if ch == "\\n" else col + 1
    return out
''', LINE, "dtype=int"),

    # ------------------------------------------------------------------ task 2: correlations
    Mistake("cosine, not centred", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a, x = acts[keep], feature[keep]
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "subtract the means first"),
    Mistake("covariance only", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    return (a * x[:, None]).mean(axis=0)
''', CORR, "yours is the covariance itself"),
    Mistake("one standard deviation", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    s = a.std(axis=0)
    return np.where(s > 0, (a * x[:, None]).mean(axis=0) / np.where(s > 0, s, 1), 0)
''', CORR, "BOTH standard deviations"),
    Mistake("np.cov with np.std", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a, x = acts[keep], feature[keep]
    r = np.zeros(a.shape[1])
    for u in range(a.shape[1]):
        s = a[:, u].std() * x.std()
        r[u] = np.cov(a[:, u], x)[0, 1] / s if s > 0 else 0.0
    return r.astype(np.result_type(acts, feature, np.float32))
''', CORR, "T / (T - 1)"),
    Mistake("NaN steps kept", '''
def correlations(acts, feature):
    a = acts - acts.mean(axis=0)
    x = feature - feature.mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "leave out the steps where the feature is NaN"),
    Mistake("NaN set to zero", '''
def correlations(acts, feature):
    x = np.nan_to_num(feature)
    a = acts - acts.mean(axis=0)
    x = x - x.mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "setting them to 0"),
    Mistake("one mean for all cells", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean()
    x = feature[keep] - feature[keep].mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "each cell's own mean"),
    Mistake("0 / 0 for a cell that never changes", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    with np.errstate(invalid="ignore"):
        return (a * x[:, None]).sum(axis=0) / np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
''', CORR, "give such a cell r = 0"),
    Mistake("absolute value", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.abs(np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0))
''', CORR, "keep the sign"),
    Mistake("centres the caller's acts in place", '''
def correlations(acts, feature):
    keep = ~np.isnan(feature)
    acts -= acts.mean(axis=0)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "changed its input `acts`"),
    Mistake("float64 result for float32 inputs", '''
def correlations(acts, feature):
    acts, feature = np.asarray(acts, dtype=float), np.asarray(feature, dtype=float)
    keep = ~np.isnan(feature)
    a = acts[keep] - acts[keep].mean(axis=0)
    x = feature[keep] - feature[keep].mean()
    denom = np.sqrt((a ** 2).sum(axis=0) * (x ** 2).sum())
    return np.where(denom > 0, (a * x[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1), 0)
''', CORR, "float32 in, float32 out"),

    # ------------------------------------------------------------------ task 3: saturation_fractions
    Mistake("<= and >=", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate <= low, axis=0), np.mean(gate >= high, axis=0)
''', SAT, "strictly beyond the threshold"),
    Mistake("counts", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.sum(gate < low, axis=0), np.sum(gate > high, axis=0)
''', SAT, "fractions of the T steps, not counts"),
    Mistake("axis 1", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate < low, axis=1), np.mean(gate > high, axis=1)
''', SAT, "average over the time axis, axis=0"),
    Mistake("no axis", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate < low), np.mean(gate > high)
''', SAT, "one fraction per cell"),
    Mistake("swapped", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate > high, axis=0), np.mean(gate < low, axis=0)
''', SAT, "yours are swapped"),
    Mistake("hard-coded thresholds", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate < 0.1, axis=0), np.mean(gate > 0.9, axis=0)
''', SAT, "use the low and high you are given"),
    Mistake("thresholds mixed up", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return np.mean(gate < high, axis=0), np.mean(gate > low, axis=0)
''', SAT, "compares with the other threshold"),
    Mistake("percentages", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    return 100 * np.mean(gate < low, axis=0), 100 * np.mean(gate > high, axis=0)
''', SAT, "not percentages"),
    Mistake("integer division", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    T = gate.shape[0]
    return np.sum(gate < low, axis=0) // T, np.sum(gate > high, axis=0) // T
''', SAT, "integer division"),
    Mistake("clips the caller's gate in place", '''
def saturation_fractions(gate, low=0.1, high=0.9):
    np.clip(gate, 0, 1, out=gate)
    gate[(gate >= low) & (gate <= high)] = 0.5
    return np.mean(gate < low, axis=0), np.mean(gate > high, axis=0)
''', SAT, "changed its input `gate`"),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #142: newline gets position 0', r'''
def line_position(text):
    out = []; pos = 0
    for ch in text:
        if ch == "\n":
            pos = 0
        out.append(pos)
        pos += 1 if ch != "\n" else 0
    return np.array(out, dtype=int)
''', 'check_line_position(line_position)',
            'a newline belongs to the line it ends'),
    Mistake('blind4 #143: no dtype (empty text float)', r'''
def line_position(text):
    out = []; pos = 0
    for ch in text:
        out.append(pos)
        pos = 0 if ch == "\n" else pos + 1
    return np.array(out)
''', 'check_line_position(line_position)',
            "np.array([]) of an empty text's empty list"),
    Mistake('blind4 #144: counts from 1', r'''
def line_position(text):
    out = []; pos = 1
    for ch in text:
        out.append(pos)
        pos = 1 if ch == "\n" else pos + 1
    return np.array(out, dtype=int)
''', 'check_line_position(line_position)',
            "positions count from 0, as Python's indices do"),
    Mistake('blind4 #146: corrcoef, NaN steps not removed', r'''
def correlations(acts, feature):
    return np.array([np.corrcoef(acts[:, j], feature)[0, 1] for j in range(acts.shape[1])])
''', 'check_correlations(correlations)',
            'leave out the steps where the feature is NaN (np.isnan mask)'),
    Mistake('blind4 #147: returns |r|', r'''
def correlations(acts, feature):
    a = np.asarray(acts); x = np.asarray(feature, dtype=np.float64)
    out_dtype = a.dtype if np.issubdtype(a.dtype, np.floating) else np.float64
    m = ~np.isnan(x)
    a = a[m].astype(np.float64); x = x[m]
    ad = a - a.mean(axis=0); xd = x - x.mean()
    num = (ad * xd[:, None]).sum(axis=0)
    den = np.sqrt((ad ** 2).sum(axis=0) * (xd ** 2).sum())
    r = np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)
    return np.abs(r).astype(out_dtype)
''', 'check_correlations(correlations)',
            'keep the sign of r: a cell that goes DOWN as the feature goes up'),
    Mistake('blind4 #148: constant cell gives NaN', r'''
def correlations(acts, feature):
    a = np.asarray(acts); x = np.asarray(feature, dtype=np.float64)
    out_dtype = a.dtype if np.issubdtype(a.dtype, np.floating) else np.float64
    m = ~np.isnan(x)
    a = a[m].astype(np.float64); x = x[m]
    ad = a - a.mean(axis=0); xd = x - x.mean()
    num = (ad * xd[:, None]).sum(axis=0)
    den = np.sqrt((ad ** 2).sum(axis=0) * (xd ** 2).sum())
    r = num / den
    return r.astype(out_dtype)
''', 'check_correlations(correlations)',
            'a cell that never changes has standard deviation 0, and 0 / 0 is NaN'),
    Mistake('blind4 #150: <= and >= (not strict)', r'''
def saturation_fractions(gate, low=0.1, high=0.9):
    g = np.asarray(gate); T = g.shape[0]
    return (g <= low).sum(axis=0) / T, (g >= high).sum(axis=0) / T
''', 'check_saturation_fractions(saturation_fractions)',
            'saturated means strictly beyond the threshold'),
    Mistake('blind4 #151: counts, not fractions', r'''
def saturation_fractions(gate, low=0.1, high=0.9):
    g = np.asarray(gate)
    return (g < low).sum(axis=0), (g > high).sum(axis=0)
''', 'check_saturation_fractions(saturation_fractions)',
            'fractions of the T steps, not counts'),
    Mistake('blind4 #152: mean over the wrong axis', r'''
def saturation_fractions(gate, low=0.1, high=0.9):
    g = np.asarray(gate)
    return (g < low).mean(axis=1), (g > high).mean(axis=1)
''', 'check_saturation_fractions(saturation_fractions)',
            'per cell: average over the time axis, axis=0 (gate is (T, H))'),
]

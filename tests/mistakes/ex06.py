"""Natural wrong answers for exercise 6 (clipping, SGD with momentum, Adam, a learning-rate schedule)."""
from . import Mistake

EXERCISE = "06_training_adding_problem"

CLIP = "check_clip(clip_grad_norm)"
SGD = "check_sgd_momentum_step(sgd_momentum_step)"
ADAM = "check_adam_step(adam_step)"
LR = "check_lr_schedule(lr_at)"

MISTAKES = [
    # ---------------------------------------------------------------- Task 1: clip
    Mistake("each array clipped by its own norm", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    for g in grads.values():
        n = np.sqrt(np.sum(g ** 2))
        if n > max_norm:
            g *= max_norm / n
    return total
''', CLIP, "clip all gradients together"),
    Mistake("always rescales", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    for g in grads.values():
        g *= max_norm / total
    return total
''', CLIP, "only scale down"),
    Mistake("np.clip on the values", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    for g in grads.values():
        np.clip(g, -max_norm, max_norm, out=g)
    return total
''', CLIP, "clip the norm, not each value"),
    Mistake("returns the norm after clipping", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > max_norm:
        for g in grads.values():
            g *= max_norm / total
    return np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
''', CLIP, "return the norm before clipping"),
    Mistake("rebinds the dict entries", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > max_norm:
        for k in grads:
            grads[k] = grads[k] * (max_norm / total)
    return total
''', CLIP, "in place"),
    Mistake("rebinds the loop variable", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > max_norm:
        for g in grads.values():
            g = g * max_norm / total
    return total
''', CLIP, "in place"),
    Mistake("forgets the square root", '''
def clip_grad_norm(grads, max_norm):
    total = sum(np.sum(g ** 2) for g in grads.values())
    if total > max_norm:
        for g in grads.values():
            g *= max_norm / total
    return total
''', CLIP, "square root"),
    Mistake("adds the arrays' norms", '''
def clip_grad_norm(grads, max_norm):
    total = sum(np.linalg.norm(g) for g in grads.values())
    if total > max_norm:
        for g in grads.values():
            g *= max_norm / total
    return total
''', CLIP, "not the sum of the arrays' norms"),
    Mistake("factor upside down", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > max_norm:
        for g in grads.values():
            g *= total / max_norm
    return total
''', CLIP, "max_norm / norm"),
    Mistake("forgets to return", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > max_norm:
        for g in grads.values():
            g *= max_norm / total
''', CLIP, "you returned None"),
    Mistake("max_norm fixed at 1", '''
def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    if total > 1.0:
        for g in grads.values():
            g *= 1.0 / total
    return total
''', CLIP, "the max_norm you are given"),
    # ---------------------------------------------------------------- Task 2: SGD with momentum
    Mistake("plain SGD", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        p -= lr * grads[k]
''', SGD, "keep a velocity"),
    Mistake("velocity not stored", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = momentum * state["velocity"][k] + grads[k]
        p -= lr * v
''', SGD, "keep a velocity"),
    Mistake("no lr on the velocity", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        p -= v
''', SGD, "multiply the velocity by lr"),
    Mistake("climbs the gradient", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        p += lr * v
''', SGD, "step against the gradient"),
    Mistake("rebinds params entries", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        state["velocity"][k] = momentum * state["velocity"][k] + grads[k]
        params[k] = params[k] - lr * state["velocity"][k]
''', SGD, "in place"),
    Mistake("rebinds the loop variable", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        p = p - lr * v
''', SGD, "in place"),
    Mistake("dampened velocity", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= momentum
        v += (1 - momentum) * grads[k]
        p -= lr * v
''', SGD, "without (1 - momentum)"),
    Mistake("steps with the old velocity", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        p -= lr * v
        v *= momentum
        v += grads[k]
''', SGD, "update the velocity first"),
    Mistake("uses grads as scratch space", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        g = grads[k]
        g += momentum * state["velocity"][k]
        state["velocity"][k][...] = g
        p -= lr * g
''', SGD, "changed `grads`"),
    Mistake("hard-coded hyperparameters", '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k, p in params.items():
        v = state["velocity"][k]
        v *= 0.9
        v += grads[k]
        p -= 0.1 * v
''', SGD, "you are given"),
    # ---------------------------------------------------------------- Task 3: Adam
    Mistake("no bias correction", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * m / (np.sqrt(v) + eps)
''', ADAM, "1 - beta1**t"),
    Mistake("moments not stored", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m = b1 * state["m"][k] + (1 - b1) * grads[k]
        v = b2 * state["v"][k] + (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', ADAM, "keep m and v in the state"),
    Mistake("betas swapped", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b2, b1 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', ADAM, "you swapped them"),
    Mistake("rebinds params entries", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        state["m"][k] = b1 * state["m"][k] + (1 - b1) * grads[k]
        state["v"][k] = b2 * state["v"][k] + (1 - b2) * grads[k] ** 2
        m_hat = state["m"][k] / (1 - b1 ** t)
        v_hat = state["v"][k] / (1 - b2 ** t)
        params[k] = params[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, "in place"),
    Mistake("eps inside the square root", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / np.sqrt(v / (1 - b2 ** t) + eps)
''', ADAM, "outside the square root"),
    Mistake("eps subtracted", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) - eps)
''', ADAM, "add eps"),
    Mistake("t never increased", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    t = state["t"] + 1
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', ADAM, "state['t']"),
    Mistake("t counted per parameter", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k, p in params.items():
        state["t"] += 1
        t = state["t"]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', ADAM, "once per step"),
    Mistake("v of the gradient, not its square", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * np.abs(grads[k])
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', ADAM, "squared gradient"),
    Mistake("eps hard-coded", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        p -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + 1e-8)
''', ADAM, "you are given"),
    Mistake("bias-corrects the stored moments", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k, p in params.items():
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * grads[k]
        v *= b2
        v += (1 - b2) * grads[k] ** 2
        m /= 1 - b1 ** t
        v /= 1 - b2 ** t
        p -= lr * m / (np.sqrt(v) + eps)
''', ADAM, "m_hat = m /"),
    # ---------------------------------------------------------------- Task 4: warm-up and cosine schedule
    Mistake("integer division in the warm-up", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * (step // warmup)
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + np.cos(np.pi * progress))
''', LR, "integer division"),
    Mistake("warm-up starts at zero", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * (step - 1) / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + np.cos(np.pi * progress))
''', LR, "one step"),
    Mistake("cosine not shifted by the warm-up", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    return base_lr * 0.5 * (1 + np.cos(np.pi * step / total))
''', LR, "(step - warmup) / (total - warmup)"),
    Mistake("decay over total, not total - warmup", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    return base_lr * 0.5 * (1 + np.cos(np.pi * (step - warmup) / total))
''', LR, "(step - warmup) / (total - warmup)"),
    Mistake("a bare cosine", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * np.cos(np.pi * progress)
''', LR, "0.5 * (1 + cos"),
    Mistake("forgets pi", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + np.cos(progress))
''', LR, "from 0 to pi"),
    Mistake("a straight line down", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    return base_lr * (1 - (step - warmup) / (total - warmup))
''', LR, "cosine, not a straight line"),
    Mistake("warm-up times decay everywhere", '''
def lr_at(step, base_lr, warmup, total):
    return base_lr * min(1.0, step / max(warmup, 1)) * 0.5 * (1 + np.cos(np.pi * step / total))
''', LR, "first differ at step"),
    Mistake("divides by warmup when it is 0", '''
def lr_at(step, base_lr, warmup, total):
    progress = max(0.0, (step - warmup) / (total - warmup))
    return base_lr * min(1.0, step / warmup) * 0.5 * (1 + np.cos(np.pi * progress))
''', LR, "no warm-up"),
    Mistake("warm-up without base_lr", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + np.cos(np.pi * progress))
''', LR, "base_lr"),
    Mistake("decay one step too long", '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup + 1)
    return base_lr * 0.5 * (1 + np.cos(np.pi * progress))
''', LR, "first differ at step"),
]


# The blind newcomer test's wrong answers (issue 10's report, answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind #135: rebinds dict entries: grads[k] = g * scale', '''
def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
    if norm > max_norm:
        for k in grads:
            grads[k] = grads[k] * (max_norm / norm)
    return norm
''', CLIP, "you rebound grads['W_ih']"),
    Mistake('blind #136: clips every array by its own norm', '''
def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
    for g in grads.values():
        n = np.linalg.norm(g)
        if n > max_norm:
            g *= max_norm / n
    return norm
''', CLIP, 'clip all gradients together'),
    Mistake('blind #137: returns the norm after clipping', '''
def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
        norm = max_norm
    return norm
''', CLIP, 'return the norm before clipping'),
    Mistake("blind #138: no 'if': also scales small gradients up", '''
def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
    for g in grads.values():
        g *= max_norm / norm
    return norm
''', CLIP, 'only scale down'),
    Mistake('blind #139: norm = sum of the per-array norms', '''
def clip_grad_norm(grads, max_norm):
    norm = float(sum(np.linalg.norm(g) for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return norm
''', CLIP, "not the sum of the arrays' norms"),
    Mistake('blind #140: forgets the sqrt (squared norm)', '''
def clip_grad_norm(grads, max_norm):
    norm = float(sum(np.sum(g ** 2) for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return norm
''', CLIP, 'you forgot the square root'),
    Mistake('blind #142: rebinds params[k] = params[k] - lr*v', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        params[k] = params[k] - lr * v
''', SGD, "you rebound params['W_ih']"),
    Mistake('blind #143: rebinds velocity entries (params updated in place)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        state["velocity"][k] = momentum * state["velocity"][k] + grads[k]
        params[k] -= lr * state["velocity"][k]
''', SGD, 'update the velocity in place'),
    Mistake('blind #144: steps with the old velocity, then updates it', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        params[k] -= lr * v
        v *= momentum
        v += grads[k]
''', SGD, 'one step late'),
    Mistake('blind #145: EMA form: v = m*v + (1-m)*g', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += (1 - momentum) * grads[k]
        params[k] -= lr * v
''', SGD, 'without (1 - momentum)'),
    Mistake('blind #146: CS231n convention v = m*v - lr*g; p += v (params same, velocity = -lr*v)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v -= lr * grads[k]
        params[k] += v
''', SGD, "CS231n's convention"),
    Mistake('blind #148: no bias correction', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b1, b2 = betas
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m
        v_hat = v
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, 'divide m by (1 - beta1**t)'),
    Mistake('blind #149: eps inside the sqrt', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b1, b2 = betas
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / np.sqrt(v_hat + eps)
''', ADAM, 'eps goes outside the square root'),
    Mistake('blind #150: t incremented inside the loop over keys', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k in params:
        state["t"] += 1
        t = state["t"]
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, 'increase t once per step'),
    Mistake('blind #151: rebinds params[k] = params[k] - ...', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b1, b2 = betas
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] = params[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, "you rebound params['W_ih']"),
    Mistake("blind #152: never stores t: t = state['t'] + 1", '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    t = state["t"] + 1
    b1, b2 = betas
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, 'the bias correction needs the power t'),
    Mistake('blind #153: betas swapped (b2, b1 = betas)', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b2, b1 = betas
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', ADAM, 'you swapped them'),
    Mistake('blind #155: strict step < warmup (0/0 when warmup == total)', '''
def lr_at(step, base_lr, warmup, total):
    if step < warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', LR, 'warmup = total means the whole run is warm-up'),
    Mistake('blind #156: warm-up from (step - 1) / warmup', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * (step - 1) / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', LR, 'one step behind'),
    Mistake('blind #157: progress = step / total (forgets to subtract warmup)', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = step / total
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', LR, 'Yours uses step / total'),
    Mistake('blind #158: forgets the 1/2 in the cosine', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * (1 + math.cos(math.pi * progress))
''', LR, 'you forgot the 1/2'),
    Mistake('blind #159: progress = (step - warmup) / total', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / total
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', LR, 'Yours divides by total'),
    Mistake("blind #220: no 'if' (scales small gradients up), zero norm guarded", '''
def clip_grad_norm(grads, max_norm):
    norm = math.sqrt(sum(float(np.sum(g ** 2)) for g in grads.values()))
    if norm > 0:
        for g in grads.values():
            g *= max_norm / norm
    return norm
''', CLIP, 'only scale down'),
    Mistake('blind #224: velocity rebound (v = momentum*v + g, local name) and params in place', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v = momentum * v + grads[k]
        params[k] -= lr * v
''', SGD, 'keep a velocity in the state'),
]


# The second blind newcomer test's wrong answers (issue 10, /tmp/blind2 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind2 #137: rebinds grads[k] = g * scale (not in place)', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    if norm > max_norm:
        for k in grads:
            grads[k] = grads[k] * (max_norm / norm)
    return norm
''', 'check_clip(clip_grad_norm)', "you rebound grads['W_ih']"),
    Mistake('blind2 #138: clips each array by its own norm', '''
def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    for g in grads.values():
        n = np.sqrt(np.sum(g ** 2))
        if n > max_norm:
            g *= max_norm / n
    return total
''', 'check_clip(clip_grad_norm)', 'you clipped each array by its own norm'),
    Mistake('blind2 #139: returns the norm after clipping', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
        norm = max_norm
    return norm
''', 'check_clip(clip_grad_norm)', 'return the norm before clipping'),
    Mistake('blind2 #140: forgot the sqrt (squared norm)', '''
def clip_grad_norm(grads, max_norm):
    norm = float(sum(np.sum(g ** 2) for g in grads.values()))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return norm
''', 'check_clip(clip_grad_norm)', 'you forgot the square root'),
    Mistake('blind2 #141: scales unconditionally (also small grads; zeros -> nan)', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    for g in grads.values():
        g *= max_norm / norm
    return norm
''', 'check_clip(clip_grad_norm)', 'only scale down'),
    Mistake('blind2 #143: params[k] = params[k] - lr * v (rebinding)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        params[k] = params[k] - lr * v
''', 'check_sgd_momentum_step(sgd_momentum_step)', "you rebound params['W_ih']"),
    Mistake('blind2 #144: lr folded into the velocity (v = m v + lr g; p -= v)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += lr * grads[k]
        params[k] -= v
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'yours folds lr into it'),
    Mistake('blind2 #145: misread: v = v + momentum * g', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v += momentum * grads[k]
        params[k] -= lr * v
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'momentum multiplies the old velocity, not the gradient'),
    Mistake('blind2 #146: velocity rebound in the state dict (not in place)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        state["velocity"][k] = momentum * state["velocity"][k] + grads[k]
        params[k] -= lr * state["velocity"][k]
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'update the velocity in place'),
    Mistake('blind2 #147: accumulates into grads in place', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        g = grads[k]
        g += momentum * state["velocity"][k]
        state["velocity"][k][...] = g
        params[k] -= lr * g
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'your step changed `grads` in place'),
    Mistake('blind2 #149: no bias correction', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m
        v_hat = v
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'divide m by (1 - beta1**t)'),
    Mistake('blind2 #150: t incremented once per parameter (inside the loop)', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k in params:
        state["t"] += 1
        t = state["t"]
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        params[k] -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', 'check_adam_step(adam_step)', 'increase t once per step'),
    Mistake('blind2 #151: eps inside the sqrt', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / np.sqrt(v_hat + eps)
''', 'check_adam_step(adam_step)', 'eps goes outside the square root'),
    Mistake('blind2 #152: m, v rebound locally (state never updated)', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        params[k] -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
''', 'check_adam_step(adam_step)', 'keep m and v in the state between steps'),
    Mistake('blind2 #153: copy-paste: v_hat corrected with beta1', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b1 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'correct v with beta2'),
    Mistake('blind2 #155: warm-up starts at 0: (step - 1) / warmup', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * (step - 1) / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', 'check_lr_schedule(lr_at)', 'steps count from 1'),
    Mistake('blind2 #156: warm-up fraction computed before the if (warmup = 0 divides by 0)', '''
def lr_at(step, base_lr, warmup, total):
    warm = step / warmup
    if step <= warmup:
        return base_lr * warm
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', 'check_lr_schedule(lr_at)', 'warmup = 0 means no warm-up'),
    Mistake('blind2 #157: progress = step / total (warm-up not subtracted)', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = step / total
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', 'check_lr_schedule(lr_at)', 'yours uses step / total'),
    Mistake('blind2 #158: forgot pi in the cosine', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) / (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(progress))
''', 'check_lr_schedule(lr_at)', 'forgot pi'),
    Mistake('blind2 #159: integer division in progress (//)', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return base_lr * step / warmup
    progress = (step - warmup) // (total - warmup)
    return base_lr * 0.5 * (1 + math.cos(math.pi * progress))
''', 'check_lr_schedule(lr_at)', '`//` is integer division'),
    Mistake('blind2 #223: g**2 forgotten in v (uses |g|)', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g, m, v = grads[k], state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * np.abs(g)
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'the running mean of the squared gradient'),
]


# The third blind newcomer test's wrong answers (issue 10, /tmp/blind3 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind3 #132: norm = sum of the per-array norms', '''
def clip_grad_norm(grads, max_norm):
    norm = float(sum(np.linalg.norm(g) for g in grads.values()))
    if norm > max_norm:
        scale = max_norm / norm
        for g in grads.values():
            g *= scale
    return norm
''', 'check_clip(clip_grad_norm)', 'the norm of all gradients together is sqrt'),
    Mistake('blind3 #133: each array clipped by its own norm', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values())))
    for g in grads.values():
        n = float(np.linalg.norm(g))
        if n > max_norm:
            g *= max_norm / n
    return norm
''', 'check_clip(clip_grad_norm)', 'clip all gradients together'),
    Mistake('blind3 #134: returns the norm after clipping', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values())))
    if norm > max_norm:
        scale = max_norm / norm
        for g in grads.values():
            g *= scale
    return min(norm, max_norm)
''', 'check_clip(clip_grad_norm)', 'return the norm before clipping'),
    Mistake('blind3 #135: condition backwards (clips when below)', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values())))
    if norm < max_norm:
        scale = max_norm / norm
        for g in grads.values():
            g *= scale
    return norm
''', 'check_clip(clip_grad_norm)', 'only scale down'),
    Mistake('blind3 #136: square of the sum instead of sum of squares', '''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(float(np.sum(g.astype(np.float64))) ** 2 for g in grads.values())))
    if norm > max_norm:
        scale = max_norm / norm
        for g in grads.values():
            g *= scale
    return norm
''', 'check_clip(clip_grad_norm)', 'the square of the sum instead of the sum of squares'),
    Mistake('blind3 #138: EMA form v = m v + (1 - m) g (mixed up with Adam)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += (1 - momentum) * grads[k]
        params[k] -= lr * v
''', 'check_sgd_momentum_step(sgd_momentum_step)', "torch's SGD adds the gradient itself"),
    Mistake('blind3 #139: parameter moved by the gradient, not the velocity', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        params[k] -= lr * grads[k]
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'move the parameter by the velocity'),
    Mistake('blind3 #140: parameter updated before the velocity', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        params[k] -= lr * v
        v *= momentum
        v += grads[k]
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'update the velocity first, then step with the new velocity'),
    Mistake('blind3 #141: velocity rebound (v = ...), never stored', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v = momentum * v + grads[k]
        params[k] -= lr * v
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'keep a velocity in the state'),
    Mistake('blind3 #142: builds the velocity inside grads[k] (mutates grads)', '''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        g = grads[k]
        g += momentum * v
        v[:] = g
        params[k] -= lr * g
''', 'check_sgd_momentum_step(sgd_momentum_step)', 'your step changed `grads` in place'),
    Mistake('blind3 #144: eps inside the square root', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / np.sqrt(v_hat + eps)
''', 'check_adam_step(adam_step)', 'eps goes outside the square root'),
    Mistake('blind3 #145: betas unpacked the wrong way round', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b2, b1 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'm uses beta1 = 0.9'),
    Mistake('blind3 #146: t incremented inside the loop over parameters', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k in params:
        state["t"] += 1
        t = state["t"]
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'increase t once per step, before the loop over the'),
    Mistake('blind3 #147: no bias correction for v', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        v_hat = v
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'bias-correct v too'),
    Mistake('blind3 #148: bias correction without the power: 1 - b1', '''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    state["t"] += 1
    t = state["t"]
    for k in params:
        g = grads[k]
        m, v = state["m"][k], state["v"][k]
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        m_hat = m / (1 - b1)
        v_hat = v / (1 - b2)
        params[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
''', 'check_adam_step(adam_step)', 'the bias correction needs the power t'),
    Mistake('blind3 #150: step < warmup (boundary)', '''
def lr_at(step, base_lr, warmup, total):
    if step < warmup:
        return float(base_lr * step / warmup)
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)', 'warmup = total means the whole run is warm-up, no decay'),
    Mistake('blind3 #151: integer division step // warmup', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * (step // warmup))
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)', 'step / warmup with `//` is integer division'),
    Mistake('blind3 #152: progress = step / total (warm-up not subtracted)', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * step / warmup)
    progress = step / total
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)', 'the cosine starts when the warm-up ends'),
    Mistake('blind3 #153: a quarter cosine cos(pi p / 2) instead of half a cosine', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * step / warmup)
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * math.cos(math.pi * progress / 2) * 2)
''', 'check_lr_schedule(lr_at)', 'is a quarter cosine'),
    Mistake('blind3 #154: steps counted from 0: (step - 1) / warmup', '''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * (step - 1) / warmup)
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)', 'steps count from 1'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #90: new arrays, not in place', r'''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    if norm > max_norm:
        for k in grads:
            grads[k] = grads[k] * (max_norm / norm)
    return norm
''', 'check_clip(clip_grad_norm)',
            "you rebound grads['W_ih'] = ... to a new array"),
    Mistake('blind4 #91: clips each array separately', r'''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    for g in grads.values():
        n = np.sqrt(np.sum(g ** 2))
        if n > max_norm:
            g *= max_norm / n
    return norm
''', 'check_clip(clip_grad_norm)',
            'clip all gradients together'),
    Mistake('blind4 #92: returns norm after clipping', r'''
def clip_grad_norm(grads, max_norm):
    norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
        norm = max_norm
    return norm
''', 'check_clip(clip_grad_norm)',
            'return the norm before clipping (it is what is worth logging)'),
    Mistake('blind4 #94: params not in place', r'''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += grads[k]
        params[k] = params[k] - lr * v
''', 'check_sgd_momentum_step(sgd_momentum_step)',
            "you rebound params['W_ih'] = ... to a new array"),
    Mistake('blind4 #95: lr inside velocity', r'''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        v *= momentum
        v += lr * grads[k]
        params[k] -= v
''', 'check_sgd_momentum_step(sgd_momentum_step)',
            'keep lr out of the velocity, as the task (and torch) does'),
    Mistake('blind4 #96: updates p before v', r'''
def sgd_momentum_step(params, grads, state, lr=0.1, momentum=0.9):
    for k in params:
        v = state["velocity"][k]
        params[k] -= lr * v
        v *= momentum
        v += grads[k]
''', 'check_sgd_momentum_step(sgd_momentum_step)',
            'update the velocity first, then step with the new velocity (yours'),
    Mistake('blind4 #98: no bias correction', r'''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b1, b2 = betas
    for k in params:
        g = grads[k]; m = state["m"][k]; v = state["v"][k]
        m *= b1; m += (1 - b1) * g
        v *= b2; v += (1 - b2) * g * g
        mh = m; vh = v
        params[k] -= lr * mh / (np.sqrt(vh) + eps)
''', 'check_adam_step(adam_step)',
            'divide m by (1 - beta1**t) and v by (1 - beta2**t)'),
    Mistake('blind4 #99: eps inside sqrt', r'''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    state["t"] += 1
    t = state["t"]
    b1, b2 = betas
    for k in params:
        g = grads[k]; m = state["m"][k]; v = state["v"][k]
        m *= b1; m += (1 - b1) * g
        v *= b2; v += (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        params[k] -= lr * mh / np.sqrt(vh + eps)
''', 'check_adam_step(adam_step)',
            'eps goes outside the square root'),
    Mistake('blind4 #100: t incremented per parameter', r'''
def adam_step(params, grads, state, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    for k in params:
        state["t"] += 1; t = state["t"]
        g = grads[k]; m = state["m"][k]; v = state["v"][k]
        m *= b1; m += (1 - b1) * g
        v *= b2; v += (1 - b2) * g * g
        mh = m / (1 - b1 ** t); vh = v / (1 - b2 ** t)
        params[k] -= lr * mh / (np.sqrt(vh) + eps)
''', 'check_adam_step(adam_step)',
            'increase t once per step, before the loop over the parameters (yours'),
    Mistake('blind4 #102: strict < warmup (0/0 when warmup==total)', r'''
def lr_at(step, base_lr, warmup, total):
    if step < warmup:
        return float(base_lr * step / warmup)
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)',
            'warmup = total means the whole run is warm-up, no decay'),
    Mistake('blind4 #103: warm-up starts at 0 (step-1)', r'''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * (step - 1) / warmup)
    progress = (step - warmup) / (total - warmup)
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)',
            'steps count from 1: the first step gets base_lr / warmup and step'),
    Mistake('blind4 #104: progress ignores warm-up', r'''
def lr_at(step, base_lr, warmup, total):
    if step <= warmup:
        return float(base_lr * step / warmup)
    progress = step / total
    return float(base_lr * 0.5 * (1 + math.cos(math.pi * progress)))
''', 'check_lr_schedule(lr_at)',
            'the cosine starts when the warm-up ends'),
]

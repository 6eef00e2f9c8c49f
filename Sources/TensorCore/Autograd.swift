/// A vertex of the autograd graph: one operation's output, its inputs, and how to send a gradient back to them.
///
/// Backward rules are written with differentiable tensor operations. When `gradients(of:with:createGraph: true)`
/// runs them with recording on, the gradients are themselves recorded results, so they can be differentiated again
/// (gradient penalties need exactly this).
public final class Node {
    /// Receives the output gradient, the op's output (as a recorded tensor), and which inputs need a gradient;
    /// returns one gradient (or nil) per input.
    public typealias Backward = (_ gradient: Tensor, _ output: Tensor, _ needed: [Bool]) -> [Tensor?]

    let inputs: [Node?]
    let backward: Backward?
    let shape: [Int]
    let name: String
    /// The output's storage, kept only for ops whose backward rule uses their output (exp, tanh, …).
    let savedOutput: TensorStorage?

    init(leafShape: [Int]) {
        inputs = []
        backward = nil
        shape = leafShape
        name = "variable"
        savedOutput = nil
    }

    init(name: String, shape: [Int], inputs: [Node?], savedOutput: TensorStorage?, backward: @escaping Backward) {
        self.name = name
        self.shape = shape
        self.inputs = inputs
        self.savedOutput = savedOutput
        self.backward = backward
    }
}

/// Whether operations record autograd nodes in the current task (on by default).
public enum GradientRecording {
    @TaskLocal static var enabled = true

    /// True when operations record nodes here.
    public static var isEnabled: Bool { enabled }

    /// Runs `body` with recording off: results carry no graph (inference, optimizer updates, plain backward).
    public static func disabled<R>(_ body: () throws -> R) rethrows -> R {
        try $enabled.withValue(false, operation: body)
    }

    /// Runs `body` with recording set to `on`.
    public static func with<R>(_ on: Bool, _ body: () throws -> R) rethrows -> R {
        try $enabled.withValue(on, operation: body)
    }
}

extension Tensor {
    /// Records `result` as the output of an operation on `inputs` with the given backward rule — the way every op
    /// (built-in or user-defined, e.g. an STFT) joins the graph. Returns `result` unchanged when recording is off or
    /// no input requires a gradient.
    ///
    /// - Parameters:
    ///   - name: the op's name, shown in graph dumps and errors.
    ///   - result: the op's output, already computed.
    ///   - inputs: the tensors the output depends on.
    ///   - savesOutput: pass true when `backward` reads its `output` argument.
    ///   - backward: the gradients of the inputs (nil where `needs` is false) from the output's gradient, the output
    ///     and which inputs need one.
    public static func record(
        _ name: String, result: Tensor, inputs: [Tensor], savesOutput: Bool = false,
        backward: @escaping Node.Backward
    ) -> Tensor {
        guard GradientRecording.enabled, inputs.contains(where: { $0.node != nil }) else { return result }
        let node = Node(
            name: name, shape: result.shape, inputs: inputs.map(\.node),
            savedOutput: savesOutput ? result.storage : nil, backward: backward)
        return Tensor(shape: result.shape, storage: result.storage, node: node)
    }
}

/// Gradients of `output` with respect to each of `inputs`.
///
/// - Parameters:
///   - output: a one-element tensor, or any tensor when `seed` is given.
///   - inputs: tensors `output` depends on (variables or intermediate results); an input that `output` does not
///     depend on gets a zero gradient.
///   - seed: the gradient flowing into `output` (defaults to 1).
///   - createGraph: record the backward pass, so the returned gradients can be differentiated again.
public func gradients(
    of output: Tensor, with inputs: [Tensor], seed: Tensor? = nil, createGraph: Bool = false
) -> [Tensor] {
    precondition(seed != nil || output.count == 1, "gradients(of:) needs a one-element output or a seed")
    guard let root = output.node else { return inputs.map { Tensor.zeros($0.shape) } }
    let targets = Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) })

    // Post-order (inputs before users), iteratively; `needed` marks nodes on a path to some target.
    var order: [Node] = []
    var needed: [ObjectIdentifier: Bool] = [:]
    var stack: [(Node, Int)] = [(root, 0)]
    var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    while let (node, next) = stack.popLast() {
        if next < node.inputs.count {
            stack.append((node, next + 1))
            if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
                stack.append((child, 0))
            }
        } else {
            let id = ObjectIdentifier(node)
            needed[id] = targets.contains(id) || node.inputs.contains { $0.map { needed[ObjectIdentifier($0)] ?? false } ?? false }
            order.append(node)
        }
    }

    var grads: [ObjectIdentifier: Tensor] = [:]
    GradientRecording.with(createGraph) {
        grads[ObjectIdentifier(root)] = seed ?? Tensor.ones(output.shape)
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard let backward = node.backward, needed[id] == true, let g = grads[id] else { continue }
            let needs = node.inputs.map { $0.map { needed[ObjectIdentifier($0)] ?? false } ?? false }
            let out = Tensor(shape: node.shape, storage: node.savedOutput ?? g.storage, node: node)
            let inputGrads = backward(g, out, needs)
            for (i, input) in node.inputs.enumerated() where needs[i] {
                guard let input, let gi = inputGrads[i] else { continue }
                let key = ObjectIdentifier(input)
                precondition(gi.shape == input.shape, "\(node.name) backward: gradient \(gi.shape) for input \(input.shape)")
                grads[key] = grads[key].map { $0 + gi } ?? gi
            }
            if !targets.contains(id) { grads[id] = nil }  // free intermediate gradients early
        }
    }
    return inputs.map { x in x.node.flatMap { grads[ObjectIdentifier($0)] } ?? Tensor.zeros(x.shape) }
}

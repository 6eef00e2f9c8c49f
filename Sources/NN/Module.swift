import TensorCore

/// A trainable tensor. Its `value` is a leaf variable, so gradients can be taken with respect to it; optimizers
/// update it in place.
public final class Parameter {
    /// The current value (a variable).
    public private(set) var value: Tensor

    public init(_ initial: Tensor) {
        value = initial.detached.variable()
    }

    public var shape: [Int] { value.shape }

    /// Replaces the values in place (same shape); throws on a shape mismatch.
    public func assign(_ newValue: Tensor) throws {
        guard newValue.shape == value.shape else {
            throw TensorError.shapeMismatch("parameter has shape \(value.shape), new value \(newValue.shape)")
        }
        value.storage.pointer.update(from: newValue.storage.pointer, count: value.count)
    }
}

/// A network component. Parameters are discovered by reflection over stored properties that are `Parameter`s,
/// `Module`s, or arrays of either, and named by their property path (`blocks.0.conv.weight`) — the names of the
/// equivalent PyTorch state dict when properties are named as in PyTorch.
open class Module {
    /// Training mode (batch norm statistics, dropout). Set recursively with `train()` / `eval()`.
    public private(set) var isTraining = true

    public init() {}

    /// Every parameter with its dotted name, in declaration order.
    public func namedParameters() -> [(name: String, parameter: Parameter)] {
        var out: [(String, Parameter)] = []
        visit(prefix: "") { name, child in
            if let p = child as? Parameter { out.append((name, p)) }
        }
        return out
    }

    /// Every parameter, in declaration order.
    public func parameters() -> [Parameter] { namedParameters().map(\.parameter) }

    /// Every sub-module (recursively, depth-first), including this one.
    public func modules() -> [Module] { namedModules().map(\.module) }

    /// Named non-trainable tensors that belong in a model file (e.g. batch norm running statistics).
    open func namedBuffers() -> [(name: String, tensor: Tensor)] { [] }

    /// Restores a buffer by its local name; returns false if the name is not one of this module's buffers.
    open func loadBuffer(_ name: String, _ value: Tensor) -> Bool { false }

    public func train() { for m in modules() { m.isTraining = true } }
    public func eval() { for m in modules() { m.isTraining = false } }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.value.count } }

    private func visit(prefix: String, _ body: (String, AnyObject) -> Void) {
        for child in Mirror(reflecting: self).childrenIncludingSuperclasses {
            guard let label = child.label else { continue }
            let name = prefix.isEmpty ? label : prefix + "." + label
            visitValue(child.value, name: name, body)
        }
    }

    private func visitValue(_ value: Any, name: String, _ body: (String, AnyObject) -> Void) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let wrapped = mirror.children.first { visitValue(wrapped.value, name: name, body) }
            return
        }
        switch value {
        case let p as Parameter:
            body(name, p)
        case let m as Module:
            body(name, m)
            m.visit(prefix: name, body)
        case let list as [Any]:
            for (i, v) in list.enumerated() { visitValue(v, name: "\(name).\(i)", body) }
        default:
            break
        }
    }
}

extension Mirror {
    /// Children of this type and all its superclasses, superclass first.
    var childrenIncludingSuperclasses: [Mirror.Child] {
        (superclassMirror?.childrenIncludingSuperclasses ?? []) + Array(children)
    }
}

extension Module {
    /// All named tensors of the model (parameters, then buffers), as a model file stores them.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var out = namedParameters().map { ($0.name, $0.parameter.value.detached) }
        for (prefix, m) in namedModules() {
            for (n, t) in m.namedBuffers() { out.append((prefix.isEmpty ? n : prefix + "." + n, t)) }
        }
        return out
    }

    /// Loads tensors by name into parameters and buffers. Throws when a tensor is missing or has the wrong shape.
    public func loadStateDict(_ tensors: [String: Tensor]) throws {
        for (name, p) in namedParameters() {
            guard let t = tensors[name] else { throw TensorError.invalidArgument("model file has no tensor '\(name)'") }
            guard t.shape == p.shape else {
                throw TensorError.shapeMismatch("tensor '\(name)' has shape \(t.shape), the model expects \(p.shape)")
            }
            try p.assign(t)
        }
        for (prefix, m) in namedModules() {
            for (n, _) in m.namedBuffers() {
                let full = prefix.isEmpty ? n : prefix + "." + n
                guard let t = tensors[full] else { throw TensorError.invalidArgument("model file has no tensor '\(full)'") }
                guard m.loadBuffer(n, t) else {
                    throw TensorError.shapeMismatch("buffer '\(full)' has shape \(t.shape), which the model cannot take")
                }
            }
        }
    }

    /// Sub-modules with their dotted names ("" for this one).
    public func namedModules() -> [(name: String, module: Module)] {
        var out: [(String, Module)] = [("", self)]
        visit(prefix: "") { name, child in if let m = child as? Module { out.append((name, m)) } }
        return out
    }
}

import H20QInput
import H20QDedup
public enum H20Q { public static let version = "0.1.0" }

public enum H20Q { public static let version = "0.1.0" }

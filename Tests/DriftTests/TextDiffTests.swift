@testable import Drift
import Testing

@Suite struct TextDiffTests {
    @Test func hunksWithContext() {
        let a = (1...12).map { "line \($0)" }
        var b = a
        b[1] = "line two"
        b.insert("new", at: 10)
        #expect(TextDiff.unified(a, b) == """
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -8,5 +8,6 @@
             line 8
             line 9
             line 10
            +new
             line 11
             line 12

            """)
        #expect(TextDiff.unified(a, a) == "")
    }
}

"""Write the tutorial's Iris program (its second part, 下篇) to a file, for the speed comparison.

The program is taken from the tutorial's own text in ../shared/reference/ at run time, so no
copy of it lives in this repository. Changes, and nothing else: the data path comes from
argv[1]; `plt.show()` is dropped so a run does not stop at a window (the plot is still built);
the main block prints the final validation accuracy so a run can be checked.

Usage: python3 compare/extract_tutorial.py TUTORIAL.txt OUT.py
"""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
second_part = text[text.index("# 下篇"):]
blocks = re.findall(r"``` python\n(.*?)```", second_part, re.S)
if len(blocks) < 5:
    sys.exit(f"{sys.argv[1]}: expected the tutorial's Python code blocks, found {len(blocks)}")
code = "import sys\n" + "\n\n".join(blocks)
code = code.replace("file_path = './iris.csv'", "file_path = sys.argv[1]")
code = code.replace("plt.show()", "pass")
code += '\n    print("final validation accuracy: %.2f%%" % validation(network, val_data))\n'
open(sys.argv[2], "w", encoding="utf-8").write(code)

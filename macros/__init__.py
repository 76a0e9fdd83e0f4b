"""The add-in's VBA modules and ribbon as text (data, packaged into the wheel as seuranta_xl.macros)."""

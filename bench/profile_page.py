"""Benchmark helper: run one page script under cProfile inside the script thread and hand the profiler back."""

import cProfile
import runpy

import streamlit as st

from bench import profiling

target = st.session_state[profiling.TARGET_KEY]
profiler = cProfile.Profile()
profiler.enable()
try:
    runpy.run_path(target, run_name="__main__")
finally:
    profiler.disable()
    profiling.RESULTS[target] = profiler

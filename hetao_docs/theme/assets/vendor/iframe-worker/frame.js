/*!
 * iframe-worker 1.0.4 (MIT, Martin Donath; licence in shim.js): the worker
 * bootstrap that shim/index.js wrote into its iframe as an inline <script>, as a
 * file, so a Content-Security-Policy without 'unsafe-inline' lets it run. Same
 * code; the worker's address comes from the iframe's data-worker attribute.
 */
postMessage=function(s,n){parent.postMessage(s,n||"*")};importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:frameElement.dataset.worker,error}))});
